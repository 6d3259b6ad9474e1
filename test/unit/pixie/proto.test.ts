import assert from 'node:assert/strict';
import * as protoLoader from '@grpc/proto-loader';
import { pixieResourcePath } from '../../../src/sources/pixie/resources';

// Field numbers and enum values as in Pixie's src/api/proto/vizierpb/vizierapi.proto
// (checked by hand against upstream); a change here changes the wire format.
const FIELDS: Record<string, Record<string, number>> = {
  UInt128: { low: 1, high: 2 },
  BooleanColumn: { data: 1 },
  Int64Column: { data: 1 },
  UInt128Column: { data: 1 },
  Float64Column: { data: 1 },
  Time64NSColumn: { data: 1 },
  StringColumn: { data: 1 },
  Column: { boolean_data: 1, int64_data: 2, uint128_data: 3, time64ns_data: 4, float64_data: 5, string_data: 6 },
  RowBatchData: { table_id: 5, cols: 1, num_rows: 2, eow: 3, eos: 4 },
  Relation: { columns: 1 },
  'Relation.ColumnInfo': { column_name: 1, column_type: 2, column_desc: 3, column_semantic_type: 4 },
  CompilerError: { line: 1, column: 2, message: 3 },
  ErrorDetails: { compiler_error: 1 },
  Status: { code: 1, message: 2, error_details: 4 },
  ExecuteScriptRequest: { query_str: 1, cluster_id: 3, exec_funcs: 4, mutation: 5, query_id: 7, configs: 9, query_name: 10 },
  'ExecuteScriptRequest.FuncToExecute': { func_name: 1, arg_values: 2, output_table_prefix: 3 },
  'ExecuteScriptRequest.FuncToExecute.ArgValue': { name: 1, value: 2 },
  Configs: { plugin_config: 2 },
  'Configs.PluginConfig': { start_time_ns: 1 },
  QueryTimingInfo: { execution_time_ns: 1, compilation_time_ns: 2 },
  QueryExecutionStats: { timing: 1, bytes_processed: 2, records_processed: 3 },
  QueryMetadata: { relation: 1, name: 2, id: 3 },
  QueryData: { batch: 1, encrypted_batch: 3, execution_stats: 2 },
  ExecuteScriptResponse: { status: 1, query_id: 2, data: 3, meta_data: 4 },
  HealthCheckRequest: { cluster_id: 1 },
  HealthCheckResponse: { status: 1 },
};

interface MessageDescriptor {
  name: string;
  field: { name: string; number: number }[];
  nestedType: MessageDescriptor[];
}

const DATA_TYPES = { DATA_TYPE_UNKNOWN: 0, BOOLEAN: 1, INT64: 2, UINT128: 3, FLOAT64: 4, STRING: 5, TIME64NS: 6 };

describe('vizierapi.proto subset', () => {
  const pkg = protoLoader.loadSync(pixieResourcePath('proto', 'vizierapi.proto'), { keepCase: true });

  for (const [message, fields] of Object.entries(FIELDS)) {
    it(`px.api.vizierpb.${message} has Pixie's field numbers`, () => {
      const [outer, ...nested] = message.split('.');
      let type = (pkg[`px.api.vizierpb.${outer}`] as { type: MessageDescriptor } | undefined)?.type;
      for (const name of nested) type = type?.nestedType.find((t) => t.name === name);
      assert.ok(type, `${message} is declared`);
      assert.deepEqual(Object.fromEntries(type.field.map((f) => [f.name, f.number])), fields);
    });
  }

  it('has Pixie\'s DataType values and the service methods', () => {
    const dataType = pkg['px.api.vizierpb.DataType'] as { type: { value: { name: string; number: number }[] } };
    assert.deepEqual(Object.fromEntries(dataType.type.value.map((v) => [v.name, v.number])), DATA_TYPES);
    const service = pkg['px.api.vizierpb.VizierService'] as Record<string, { path: string; responseStream: boolean }>;
    assert.equal(service.ExecuteScript.path, '/px.api.vizierpb.VizierService/ExecuteScript');
    assert.equal(service.ExecuteScript.responseStream, true);
    assert.equal(service.HealthCheck.path, '/px.api.vizierpb.VizierService/HealthCheck');
    assert.equal(service.HealthCheck.responseStream, true);
  });
});
