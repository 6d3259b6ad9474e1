// What the Vizier test server does with a call: the scripted answers and faults, and the default (Flamelens' scripts).

import {
  ARG_NAMESPACE,
  ARG_POD,
  ARG_START_TIME,
  HTTP_LATENCY_SCRIPT,
  scriptByQueryName,
  STACK_TRACES_SCRIPT,
  windowForStartTime,
} from '../../../src/sources/pixie/scripts';
import { latencyFixture } from './latencyFixtures';
import { filterStackRows, generatedStackRows, stackTraceFixture } from './stackFixtures';
import type { TestTable } from './tableMessages';

export interface RecordedFunc {
  name: string;
  args: Record<string, string>;
  outputTable: string;
}

/** A call as the server saw it. */
export interface RecordedCall {
  method: 'ExecuteScript' | 'HealthCheck';
  queryStr: string;
  clusterId: string;
  queryName: string;
  funcs: RecordedFunc[];
  /** Request metadata (credentials included: tests check them; never print them). */
  metadata: Record<string, string>;
  /** Claims of a bearer token that passed the check. */
  claims?: Record<string, unknown>;
  /** The client cancelled the call. */
  cancelled: boolean;
  messagesSent: number;
  /** Resolves when the call is over on the server side. */
  settled: Promise<'finished' | 'cancelled' | 'failed'>;
}

export type Behaviour =
  /** Send these tables (default: what the script asks for, from the fixtures). */
  | {
      kind: 'answer';
      tables?: TestTable[];
      batchRows?: number;
      /** Pause before each batch (to cancel or time out mid-stream). */
      delayMsPerBatch?: number;
      /** Stop after this many batches: `reset` aborts the HTTP/2 stream, `end` ends the call OK without the last batches. */
      cutAfterBatches?: number;
      cut?: 'reset' | 'end';
    }
  /** A stack_traces table of `rows` generated rows over `uniqueStacks` distinct stacks. */
  | { kind: 'generatedStacks'; rows: number; uniqueStacks: number; batchRows?: number }
  /** PxL compile errors, as Vizier reports them (status INVALID_ARGUMENT with compiler_error details). */
  | { kind: 'compileError'; errors: { line: number; column: number; message: string }[]; message?: string }
  /** Another error in the response status. */
  | { kind: 'status'; code: number; message: string }
  /** End the call with a gRPC error status. */
  | { kind: 'fail'; code: number; details: string }
  /** Never answer. */
  | { kind: 'hang' };

export type Responder = (call: RecordedCall) => Behaviour;

/** Answers Flamelens' own scripts from the fixtures, honouring their arguments like the PxL would. */
export const answerFlamelensScripts: Responder = (call) => {
  const script = scriptByQueryName(call.queryName);
  if (!script) {
    return {
      kind: 'compileError',
      errors: [{ line: 1, column: 1, message: `the Flamelens test server runs only Flamelens' scripts, not '${call.queryName || 'unnamed'}'` }],
    };
  }
  return { kind: 'answer', tables: tablesFor(call) };
};

/** The tables Flamelens' scripts return for the call's exec_funcs. */
export function tablesFor(call: RecordedCall): TestTable[] {
  const tables: TestTable[] = [];
  for (const f of call.funcs) {
    const spec = [...STACK_TRACES_SCRIPT.functions, ...HTTP_LATENCY_SCRIPT.functions].find((s) => s.func === f.name);
    if (!spec) continue;
    const namespace = f.args[ARG_NAMESPACE] ?? '';
    const window = windowForStartTime(f.args[ARG_START_TIME] ?? '-5m') ?? 300;
    const table = (rows: Iterable<object>): TestTable => ({ name: f.outputTable, columns: spec.columns, rows });
    switch (spec.func) {
      case 'stack_traces':
        tables.push(table(filterStackRows(stackTraceFixture(), namespace, f.args[ARG_POD] ?? '')));
        break;
      case 'service_latency':
        tables.push(table(latencyFixture(window, namespace).services));
        break;
      case 'endpoint_latency':
        tables.push(table(latencyFixture(window, namespace).endpoints));
        break;
      case 'service_timeseries':
        tables.push(table(latencyFixture(window, namespace).serviceSeries));
        break;
      case 'endpoint_timeseries':
        tables.push(table(latencyFixture(window, namespace).endpointSeries));
        break;
    }
  }
  return tables;
}

/** The stack_traces table for a generated result of `rows` rows. */
export function generatedStackTable(call: RecordedCall, rows: number, uniqueStacks: number): TestTable {
  const outputTable = call.funcs[0]?.outputTable ?? STACK_TRACES_SCRIPT.functions[0].table;
  return { name: outputTable, columns: STACK_TRACES_SCRIPT.functions[0].columns, rows: generatedStackRows(rows, uniqueStacks) };
}
