// The Vizier API messages as @grpc/proto-loader hands them over (snake_case, enums as names, int64 as Long).

import type { Long } from '@grpc/proto-loader';

/** int64/uint64 fields arrive as Long (exact); a sender may also give numbers or decimal strings. */
export type WireInt64 = Long | number | string;

export type WireDataType = 'DATA_TYPE_UNKNOWN' | 'BOOLEAN' | 'INT64' | 'UINT128' | 'FLOAT64' | 'STRING' | 'TIME64NS';

export interface WireUInt128 {
  low: WireInt64;
  high: WireInt64;
}

export interface WireColumn {
  col_data?: 'boolean_data' | 'int64_data' | 'uint128_data' | 'time64ns_data' | 'float64_data' | 'string_data';
  boolean_data?: { data: boolean[] };
  int64_data?: { data: WireInt64[] };
  uint128_data?: { data: WireUInt128[] };
  time64ns_data?: { data: WireInt64[] };
  float64_data?: { data: number[] };
  string_data?: { data: string[] };
}

export interface WireRowBatch {
  table_id: string;
  cols: WireColumn[];
  num_rows: WireInt64;
  eow: boolean;
  eos: boolean;
}

export interface WireColumnInfo {
  column_name: string;
  column_type: WireDataType | number;
  column_desc: string;
  column_semantic_type: string | number;
}

export interface WireQueryMetadata {
  relation?: { columns: WireColumnInfo[] } | null;
  name: string;
  id: string;
}

export interface WireCompilerError {
  line: WireInt64;
  column: WireInt64;
  message: string;
}

export interface WireStatus {
  code: number;
  message: string;
  error_details: { error?: 'compiler_error'; compiler_error?: WireCompilerError | null }[];
}

export interface WireExecutionStats {
  timing?: { execution_time_ns: WireInt64; compilation_time_ns: WireInt64 } | null;
  bytes_processed: WireInt64;
  records_processed: WireInt64;
}

export interface WireExecuteScriptResponse {
  status?: WireStatus | null;
  query_id: string;
  result?: 'data' | 'meta_data';
  data?: {
    batch?: WireRowBatch | null;
    encrypted_batch?: Buffer;
    execution_stats?: WireExecutionStats | null;
  } | null;
  meta_data?: WireQueryMetadata | null;
}

export interface WireFuncToExecute {
  func_name: string;
  arg_values: { name: string; value: string }[];
  output_table_prefix: string;
}

export interface WireExecuteScriptRequest {
  query_str: string;
  cluster_id: string;
  exec_funcs: WireFuncToExecute[];
  mutation: boolean;
  query_id?: string;
  query_name: string;
}

export interface WireHealthCheckResponse {
  status?: WireStatus | null;
}

/** Exact integer value of a wire int64 (Long, number or decimal string). */
export function int64ToBigInt(value: WireInt64): bigint {
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'string') return BigInt(value);
  const low = BigInt(value.low >>> 0);
  const high = BigInt(value.high | 0);
  const signed = (high << 32n) | low;
  return value.unsigned ? BigInt.asUintN(64, signed) : BigInt.asIntN(64, signed);
}

/** A wire int64 as a JS number: exact up to 2^53, which counts, durations and sizes stay under. */
export function int64ToNumber(value: WireInt64): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.unsigned ? (value.high >>> 0) * 4294967296 + (value.low >>> 0) : value.high * 4294967296 + (value.low >>> 0);
}
