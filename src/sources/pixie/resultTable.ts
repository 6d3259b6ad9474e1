// The tables an ExecuteScript call returns: their schema (from the metadata) and their decoded row batches.

import { ColumnValues, DataType } from './columns';

export interface ColumnSchema {
  readonly name: string;
  readonly type: DataType;
  /** Pixie's formatting hint, e.g. `ST_DURATION_NS`, `ST_POD_NAME` (or `ST_NONE`). */
  readonly semanticType: string;
  readonly desc: string;
}

export interface TableSchema {
  /** Id the row batches refer to (unique within one call). */
  readonly id: string;
  /** Output table name: the function's `output_table_prefix`, or the name given to px.display. */
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

/** One decoded batch: columns in the schema's order, each with `numRows` values. */
export interface RowBatch {
  readonly table: TableSchema;
  readonly numRows: number;
  readonly columns: readonly ColumnValues[];
  /** End of a window (streaming scripts). */
  readonly eow: boolean;
  /** The table's last batch. */
  readonly eos: boolean;
}

type ValuesOf<T extends DataType> = Extract<ColumnValues, { type: T }>['values'];

/**
 * The values of a named column, checked against the type the consumer expects. A missing
 * column or another type means the script and its reader disagree: a MissingColumn.
 */
export function columnValues<T extends DataType>(batch: RowBatch, name: string, type: T): ValuesOf<T> {
  const index = batch.table.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new MissingColumn(batch.table.name, name, type, undefined);
  const col = batch.columns[index];
  if (col.type !== type) throw new MissingColumn(batch.table.name, name, type, col.type);
  return col.values as ValuesOf<T>;
}

/**
 * A numeric column as numbers, whether the script made it INT64 or FLOAT64 (PxL's
 * arithmetic may turn one into the other, e.g. a floored quantile).
 */
export function numberColumnValues(batch: RowBatch, name: string): number[] {
  const index = batch.table.columns.findIndex((c) => c.name === name);
  const col = index < 0 ? undefined : batch.columns[index];
  if (!col) throw new MissingColumn(batch.table.name, name, 'INT64', undefined);
  if (col.type !== 'INT64' && col.type !== 'FLOAT64') throw new MissingColumn(batch.table.name, name, 'INT64', col.type);
  return col.values;
}

export class MissingColumn extends Error {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly expected: DataType,
    readonly actual: DataType | undefined,
  ) {
    super(
      actual
        ? `column '${column}' of table '${table}' is ${actual}, expected ${expected}`
        : `table '${table}' has no column '${column}' (${expected})`,
    );
  }
}
