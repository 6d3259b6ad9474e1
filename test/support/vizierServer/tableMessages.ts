// Turns test tables (rows as objects) into the ExecuteScript response messages a Vizier sends: metadata, then batches.

import type { DataType } from '../../../src/sources/pixie/columns';
import { COLUMN_MEMBER, uint128Parts } from '../../../src/sources/pixie/columns';
import type { ColumnSpec } from '../../../src/sources/pixie/scripts';

/** A table the test server sends: rows are objects keyed by column name. */
export interface TestTable {
  name: string;
  columns: readonly ColumnSpec[];
  rows: Iterable<object>;
  /** Overrides the id the batches refer to (to test a batch for an unknown table). */
  batchTableId?: string;
}

/** A response message in the shape proto-loader serialises (snake_case). */
export type ResponseMessage = Record<string, unknown>;

export function metadataMessage(queryId: string, tableId: string, table: TestTable): ResponseMessage {
  return {
    query_id: queryId,
    meta_data: {
      id: tableId,
      name: table.name,
      relation: {
        columns: table.columns.map((c) => ({ column_name: c.name, column_type: c.type, column_desc: '', column_semantic_type: c.semanticType })),
      },
    },
  };
}

/** Batches of `batchRows` rows, built lazily so a huge table never sits in memory. The last one has eos. */
export function* batchMessages(queryId: string, tableId: string, table: TestTable, batchRows: number): Generator<ResponseMessage> {
  let pending: object[] = [];
  let sent = false;
  const iterator = table.rows[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done) {
    pending.push(next.value);
    next = iterator.next();
    if (pending.length === batchRows || next.done) {
      yield batchMessage(queryId, table.batchTableId ?? tableId, table.columns, pending, !!next.done);
      sent = true;
      pending = [];
    }
  }
  if (!sent) yield batchMessage(queryId, table.batchTableId ?? tableId, table.columns, [], true);
}

export function batchMessage(
  queryId: string,
  tableId: string,
  columns: readonly ColumnSpec[],
  rows: readonly object[],
  eos: boolean,
): ResponseMessage {
  const cells = rows as readonly Record<string, unknown>[];
  return {
    query_id: queryId,
    data: {
      batch: {
        table_id: tableId,
        num_rows: rows.length,
        eow: eos,
        eos,
        cols: columns.map((c) => ({ [COLUMN_MEMBER[c.type]]: { data: cells.map((r) => wireValue(c.type, r[c.name])) } })),
      },
    },
  };
}

function wireValue(type: DataType, value: unknown): unknown {
  switch (type) {
    case 'TIME64NS':
    case 'INT64':
      // protobufjs takes int64 as number or decimal string; a string keeps ns timestamps exact.
      return typeof value === 'bigint' ? value.toString() : (value ?? 0);
    case 'UINT128': {
      const { high, low } = uint128Parts(String(value));
      return { high: high.toString(), low: low.toString() };
    }
    case 'FLOAT64':
      return value ?? 0;
    case 'BOOLEAN':
      return !!value;
    case 'STRING':
      return value === undefined || value === null ? '' : String(value);
  }
}
