// Names and shapes of Flamelens' PxL scripts: query names, functions, arguments, output tables and their columns.
// The client, the Vizier test server and the local sampler all import these, so they agree by construction.

import type { DataType } from './columns';

export interface ColumnSpec {
  readonly name: string;
  readonly type: DataType;
  /** Pixie semantic type name sent in the relation. */
  readonly semanticType: string;
}

export interface ScriptFunctionSpec {
  /** PxL function name, sent as exec_funcs[].func_name. */
  readonly func: string;
  /** Output table name, sent as exec_funcs[].output_table_prefix. */
  readonly table: string;
  readonly args: readonly string[];
  readonly columns: readonly ColumnSpec[];
}

export interface ScriptSpec {
  /** ExecuteScriptRequest.query_name: how the local sampler recognises the script. */
  readonly queryName: string;
  /** File under pxl/ holding the PxL source. */
  readonly file: string;
  readonly functions: readonly ScriptFunctionSpec[];
}

const col = (name: string, type: DataType, semanticType = 'ST_NONE'): ColumnSpec => ({ name, type, semanticType });

/** Argument names. Values are strings; an empty namespace or pod means all. */
export const ARG_START_TIME = 'start_time';
export const ARG_NAMESPACE = 'namespace';
export const ARG_POD = 'pod';

export const TABLE_STACK_TRACES = 'stack_traces';
export const TABLE_SERVICE_LATENCY = 'service_latency';
export const TABLE_ENDPOINT_LATENCY = 'endpoint_latency';
export const TABLE_SERVICE_TIMESERIES = 'service_timeseries';
export const TABLE_ENDPOINT_TIMESERIES = 'endpoint_timeseries';

/** Width of a latency time-series bin. */
export const LATENCY_BIN_SECONDS = 10;

export const STACK_TRACE_COLUMNS: readonly ColumnSpec[] = [
  col('node', 'STRING', 'ST_NODE_NAME'),
  col('namespace', 'STRING', 'ST_NAMESPACE_NAME'),
  /** `namespace/pod-name`, as Pixie prints pods. */
  col('pod', 'STRING', 'ST_POD_NAME'),
  col('container', 'STRING', 'ST_CONTAINER_NAME'),
  col('cmdline', 'STRING'),
  /** Folded stack, root first, `;`-separated, with Pixie's `[k]`/`[j]`/`[m]` markers. */
  col('stack_trace', 'STRING'),
  /** Samples (about 10 ms of CPU each) over the window. */
  col('count', 'INT64'),
];

/** Latencies in ns; error_rate is a fraction of responses with status >= 400. */
const LATENCY_STAT_COLUMNS: readonly ColumnSpec[] = [
  col('latency_p50', 'INT64', 'ST_DURATION_NS'),
  col('latency_p90', 'INT64', 'ST_DURATION_NS'),
  col('latency_p99', 'INT64', 'ST_DURATION_NS'),
  col('request_count', 'INT64'),
  col('error_rate', 'FLOAT64'),
];

const SERVICE = col('service', 'STRING', 'ST_SERVICE_NAME');
const METHOD = col('req_method', 'STRING', 'ST_HTTP_REQ_METHOD');
const PATH = col('req_path', 'STRING');
const TIME = col('time_', 'TIME64NS', 'ST_TIME_NS');

export const STACK_TRACES_SCRIPT: ScriptSpec = {
  queryName: 'flamelens/stack_traces',
  file: 'stack_traces.pxl',
  functions: [{ func: 'stack_traces', table: TABLE_STACK_TRACES, args: [ARG_START_TIME, ARG_NAMESPACE, ARG_POD], columns: STACK_TRACE_COLUMNS }],
};

const latencyArgs = [ARG_START_TIME, ARG_NAMESPACE];

export const HTTP_LATENCY_SCRIPT: ScriptSpec = {
  queryName: 'flamelens/http_latency',
  file: 'http_latency.pxl',
  functions: [
    { func: 'service_latency', table: TABLE_SERVICE_LATENCY, args: latencyArgs, columns: [SERVICE, ...LATENCY_STAT_COLUMNS] },
    { func: 'endpoint_latency', table: TABLE_ENDPOINT_LATENCY, args: latencyArgs, columns: [SERVICE, METHOD, PATH, ...LATENCY_STAT_COLUMNS] },
    { func: 'service_timeseries', table: TABLE_SERVICE_TIMESERIES, args: latencyArgs, columns: [TIME, SERVICE, ...LATENCY_STAT_COLUMNS] },
    {
      func: 'endpoint_timeseries',
      table: TABLE_ENDPOINT_TIMESERIES,
      args: latencyArgs,
      columns: [TIME, SERVICE, METHOD, PATH, ...LATENCY_STAT_COLUMNS],
    },
  ],
};

export const FLAMELENS_SCRIPTS: readonly ScriptSpec[] = [STACK_TRACES_SCRIPT, HTTP_LATENCY_SCRIPT];

export function scriptByQueryName(queryName: string): ScriptSpec | undefined {
  return FLAMELENS_SCRIPTS.find((s) => s.queryName === queryName);
}

/** PxL relative start time for a window: 300 -> `-5m`, 3600 -> `-1h`, 45 -> `-45s`. */
export function startTimeForWindow(windowSeconds: number): string {
  const s = Math.max(1, Math.round(windowSeconds));
  if (s % 3600 === 0) return `-${s / 3600}h`;
  if (s % 60 === 0) return `-${s / 60}m`;
  return `-${s}s`;
}

/** Seconds of a relative start time (`-5m`, `-30s`, `-1h`, `-2d`), or undefined if it is not one. */
export function windowForStartTime(startTime: string): number | undefined {
  const m = /^-?\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(startTime.trim());
  if (!m) return undefined;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

/**
 * The endpoint path http_latency.pxl reports for a request path: no query string or
 * fragment, numeric segments as `<id>` (`/hats/42?x=1` -> `/hats/<id>`). Samplers that
 * answer the script without PxL use this to agree with it.
 */
export function normalizeRequestPath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.replace(/\/[0-9]+(?=\/|$)/g, '/<id>');
}
