// Reads the ExecuteScript response stream message by message: table metadata, row batches, stats, status.

import { ColumnMismatch, DATA_TYPES, DataType, decodeColumn } from './columns';
import { ColumnSchema, RowBatch, TableSchema } from './resultTable';
import { int64ToNumber, WireExecuteScriptResponse, WireQueryMetadata, WireRowBatch, WireStatus } from './wire';

/** Something in the stream that does not follow the Vizier API; worded by the caller as a protocol error. */
export class ProtocolViolation extends Error {}

export interface TableProgress {
  readonly name: string;
  batches: number;
  rows: number;
  /** Its last batch (eos) arrived. */
  complete: boolean;
}

export interface ExecutionStats {
  executionTimeNs: number;
  compilationTimeNs: number;
  recordsProcessed: number;
  bytesProcessed: number;
}

/** What one response message turned out to be. */
export type ReadResult =
  | { kind: 'table'; table: TableSchema }
  | { kind: 'batch'; batch: RowBatch }
  | { kind: 'status'; status: WireStatus }
  | { kind: 'stats' }
  | { kind: 'none' };

export class ResultReader {
  private readonly tables = new Map<string, { schema: TableSchema; progress: TableProgress }>();
  queryId = '';
  batches = 0;
  rows = 0;
  stats: ExecutionStats | undefined;

  read(msg: WireExecuteScriptResponse): ReadResult {
    if (msg.query_id) this.queryId = msg.query_id;
    if (msg.status && msg.status.code !== 0) return { kind: 'status', status: msg.status };
    if (msg.meta_data) return { kind: 'table', table: this.addTable(msg.meta_data) };
    const data = msg.data;
    if (data?.batch) return { kind: 'batch', batch: this.decodeBatch(data.batch) };
    if (data?.encrypted_batch && data.encrypted_batch.length > 0) {
      throw new ProtocolViolation('an encrypted row batch arrived, but Flamelens never asks for encryption');
    }
    if (data?.execution_stats) {
      const s = data.execution_stats;
      this.stats = {
        executionTimeNs: int64ToNumber(s.timing?.execution_time_ns ?? 0),
        compilationTimeNs: int64ToNumber(s.timing?.compilation_time_ns ?? 0),
        recordsProcessed: int64ToNumber(s.records_processed),
        bytesProcessed: int64ToNumber(s.bytes_processed),
      };
      return { kind: 'stats' };
    }
    return { kind: 'none' };
  }

  progress(): TableProgress[] {
    return [...this.tables.values()].map((t) => ({ ...t.progress }));
  }

  /** Tables whose last batch never came: the stream ended early. */
  incomplete(): string[] {
    return [...this.tables.values()].filter((t) => !t.progress.complete).map((t) => t.schema.name);
  }

  private addTable(md: WireQueryMetadata): TableSchema {
    if (this.tables.has(md.id)) throw new ProtocolViolation(`metadata for table '${md.name}' (id ${md.id}) arrived twice`);
    const columns: ColumnSchema[] = (md.relation?.columns ?? []).map((c) => ({
      name: c.column_name,
      type: dataType(c.column_type, md.name, c.column_name),
      semanticType: String(c.column_semantic_type),
      desc: c.column_desc,
    }));
    const schema: TableSchema = { id: md.id, name: md.name, columns };
    this.tables.set(md.id, { schema, progress: { name: md.name, batches: 0, rows: 0, complete: false } });
    return schema;
  }

  private decodeBatch(b: WireRowBatch): RowBatch {
    const entry = this.tables.get(b.table_id);
    if (!entry) throw new ProtocolViolation(`a row batch refers to table id '${b.table_id}', whose metadata never arrived`);
    const { schema, progress } = entry;
    if (progress.complete) throw new ProtocolViolation(`table '${schema.name}' got data after its last batch`);
    const numRows = int64ToNumber(b.num_rows);
    if (!Number.isSafeInteger(numRows) || numRows < 0) throw new ProtocolViolation(`table '${schema.name}' got a batch of ${numRows} rows`);
    const cols = b.cols ?? [];
    // A batch with no rows may carry no columns at all (often the eos marker).
    if (cols.length !== schema.columns.length && !(numRows === 0 && cols.length === 0)) {
      throw new ProtocolViolation(`table '${schema.name}' has ${schema.columns.length} columns but a batch carries ${cols.length}`);
    }
    const columns = schema.columns.map((c, i) => {
      try {
        return decodeColumn(cols[i] ?? {}, c.type, numRows);
      } catch (err) {
        if (err instanceof ColumnMismatch) throw new ProtocolViolation(`column '${c.name}' of table '${schema.name}' ${err.message}`);
        throw err;
      }
    });
    progress.batches++;
    progress.rows += numRows;
    if (b.eos) progress.complete = true;
    this.batches++;
    this.rows += numRows;
    return { table: schema, numRows, columns, eow: b.eow, eos: b.eos };
  }
}

function dataType(value: string | number, table: string, column: string): DataType {
  const name = typeof value === 'number' ? DATA_TYPES[value - 1] : value;
  if (!DATA_TYPES.includes(name as DataType)) {
    throw new ProtocolViolation(`column '${column}' of table '${table}' has data type ${String(value)}, which Flamelens cannot read`);
  }
  return name as DataType;
}
