// Encodes result tables as ExecuteScript response messages (metadata, then row batches ending in eos), as Vizier streams them.

import type { ColumnSpec } from '../../sources/pixie/scripts';

/** A value per column, in the spec's order: strings, numbers (INT64/FLOAT64), bigint ns (TIME64NS), booleans. */
export type Cell = string | number | bigint | boolean;

export interface ResultTable {
  /** The exec func's output_table_prefix. */
  name: string;
  columns: readonly ColumnSpec[];
  rows: Cell[][];
}

/** Batches stay well under gRPC's default 4 MiB message limit, whatever the client's setting. */
const MAX_BATCH_ROWS = 1024;
const MAX_BATCH_BYTES = 1024 * 1024;

export type ResponseMessage = Record<string, unknown>;

export function metadataMessage(queryId: string, tableId: string, table: ResultTable): ResponseMessage {
  return {
    query_id: queryId,
    meta_data: {
      name: table.name,
      id: tableId,
      relation: {
        columns: table.columns.map((c) => ({
          column_name: c.name,
          column_type: c.type,
          column_desc: '',
          column_semantic_type: c.semanticType,
        })),
      },
    },
  };
}

/** The table's rows in batches; a table without rows still gets one empty batch marked eos. */
export function* batchMessages(queryId: string, tableId: string, table: ResultTable): Generator<ResponseMessage> {
  let start = 0;
  do {
    let end = start;
    let bytes = 0;
    while (end < table.rows.length && end - start < MAX_BATCH_ROWS && bytes < MAX_BATCH_BYTES) {
      bytes += rowBytes(table.rows[end]);
      end++;
    }
    const rows = table.rows.slice(start, end);
    yield {
      query_id: queryId,
      data: {
        batch: {
          table_id: tableId,
          cols: table.columns.map((c, i) => column(c, rows.map((r) => r[i]))),
          num_rows: rows.length,
          eow: end >= table.rows.length,
          eos: end >= table.rows.length,
        },
      },
    };
    start = end;
  } while (start < table.rows.length);
}

function column(spec: ColumnSpec, values: Cell[]): Record<string, unknown> {
  switch (spec.type) {
    case 'STRING':
      return { string_data: { data: values.map(String) } };
    case 'INT64':
      return { int64_data: { data: values.map((v) => (typeof v === 'bigint' ? v.toString() : Math.trunc(Number(v)))) } };
    case 'FLOAT64':
      return { float64_data: { data: values.map(Number) } };
    case 'TIME64NS':
      // Decimal strings keep every digit of ns timestamps (numbers would round them).
      return { time64ns_data: { data: values.map((v) => BigInt(v as bigint | number).toString()) } };
    case 'BOOLEAN':
      return { boolean_data: { data: values.map(Boolean) } };
    case 'UINT128':
      throw new Error(`column '${spec.name}': the local sampler does not produce UINT128 columns`);
  }
}

function rowBytes(row: Cell[]): number {
  let n = 0;
  for (const v of row) n += typeof v === 'string' ? v.length : 8;
  return n;
}

export function executionStatsMessage(queryId: string, executionNs: number, records: number, bytes: number): ResponseMessage {
  return {
    query_id: queryId,
    data: { execution_stats: { timing: { execution_time_ns: executionNs, compilation_time_ns: 0 }, bytes_processed: bytes, records_processed: records } },
  };
}
