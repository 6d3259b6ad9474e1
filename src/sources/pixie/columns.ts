// Turns the columns of a Vizier row batch into typed JS arrays, one representation per data type.

import { int64ToBigInt, int64ToNumber, WireColumn, WireInt64, WireUInt128 } from './wire';

/** The column types a Vizier table can have. */
export type DataType = 'BOOLEAN' | 'INT64' | 'UINT128' | 'FLOAT64' | 'STRING' | 'TIME64NS';

export const DATA_TYPES: readonly DataType[] = ['BOOLEAN', 'INT64', 'UINT128', 'FLOAT64', 'STRING', 'TIME64NS'];

/**
 * Decoded values of one column of one batch. Representations:
 * - INT64 -> number: counts, durations in ns (< 104 days) and sizes fit in 2^53 exactly.
 * - TIME64NS -> bigint ns since the epoch: a number would lose the low digits (1.7e18 > 2^53).
 * - UINT128 -> string in Pixie's UUID layout (`high` then `low`, 32 hex digits as 8-4-4-4-12),
 *   as Pixie's UI and Go client print UPIDs; `uint128Parts` gets the numbers back.
 */
export type ColumnValues =
  | { type: 'BOOLEAN'; values: boolean[] }
  | { type: 'INT64'; values: number[] }
  | { type: 'UINT128'; values: string[] }
  | { type: 'FLOAT64'; values: number[] }
  | { type: 'STRING'; values: string[] }
  | { type: 'TIME64NS'; values: bigint[] };

/** The member of vizierapi.proto's Column oneof that carries each data type. */
export const COLUMN_MEMBER: Record<DataType, keyof WireColumn> = {
  BOOLEAN: 'boolean_data',
  INT64: 'int64_data',
  UINT128: 'uint128_data',
  FLOAT64: 'float64_data',
  STRING: 'string_data',
  TIME64NS: 'time64ns_data',
};

/** Why a column could not be decoded; the caller words it for the user with the table name. */
export class ColumnMismatch extends Error {}

export function decodeColumn(col: WireColumn, type: DataType, numRows: number): ColumnValues {
  const member = COLUMN_MEMBER[type];
  const set = col.col_data ?? (Object.keys(COLUMN_MEMBER) as DataType[]).map((t) => COLUMN_MEMBER[t]).find((m) => col[m]);
  if (numRows === 0 && !set) return emptyColumn(type);
  if (set !== member) throw new ColumnMismatch(`declared ${type} but the batch carries ${set ?? 'no data'}`);
  const data = (col[member] as { data?: unknown[] } | undefined)?.data ?? [];
  if (data.length !== numRows) throw new ColumnMismatch(`has ${data.length} values for ${numRows} rows`);
  switch (type) {
    case 'BOOLEAN':
      return { type, values: data as boolean[] };
    case 'FLOAT64':
      return { type, values: data as number[] };
    case 'STRING':
      return { type, values: data as string[] };
    case 'INT64':
      return { type, values: (data as WireInt64[]).map(int64ToNumber) };
    case 'TIME64NS':
      return { type, values: (data as WireInt64[]).map(int64ToBigInt) };
    case 'UINT128':
      return { type, values: (data as WireUInt128[]).map((v) => formatUInt128(int64ToBigInt(v.high), int64ToBigInt(v.low))) };
  }
}

function emptyColumn(type: DataType): ColumnValues {
  return { type, values: [] } as ColumnValues;
}

/** `00000012-0019-ad2d-0000-00000213e7e5` for high=0x120019ad2d, low=0x213e7e5 (Pixie's layout). */
export function formatUInt128(high: bigint, low: bigint): string {
  const hex = BigInt.asUintN(64, high).toString(16).padStart(16, '0') + BigInt.asUintN(64, low).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The two halves of a UINT128 printed by formatUInt128. */
export function uint128Parts(text: string): { high: bigint; low: bigint } {
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`'${text}' is not a 128-bit value in UUID layout`);
  return { high: BigInt(`0x${hex.slice(0, 16)}`), low: BigInt(`0x${hex.slice(16)}`) };
}

/**
 * A Pixie UPID packs the agent id (ASID) and the pid into `high` and the process start
 * time (clock ticks) into `low`; this reads them back, e.g. for `pid: 123` labels.
 */
export function upidParts(text: string): { asid: number; pid: number; startTimeTicks: bigint } {
  const { high, low } = uint128Parts(text);
  return { asid: Number(high >> 32n), pid: Number(high & 0xffffffffn), startTimeTicks: low };
}
