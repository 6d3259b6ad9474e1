// Computes the output tables of Flamelens' own PxL scripts from the sampler's windows, as Pixie would compute them.

import {
  ARG_NAMESPACE,
  ARG_POD,
  ARG_START_TIME,
  HTTP_LATENCY_SCRIPT,
  LATENCY_BIN_SECONDS,
  ScriptFunctionSpec,
  STACK_TRACES_SCRIPT,
  windowForStartTime,
} from '../../sources/pixie/scripts';
import type { Attribution } from '../attribution';
import { quantileOfSorted } from '../quantiles';
import type { HttpEvent } from '../latencyProxy';
import type { SampleWindows, SourceKey } from '../windows';
import type { Cell, ResultTable } from './tableMessages';

export interface SamplerData {
  windows: SampleWindows;
  attribution(source: SourceKey): Attribution | undefined;
  nowMs(): number;
}

/** A problem with the script or its arguments, reported as Pixie reports compile errors. */
export class ScriptError extends Error {
  constructor(
    message: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
  }
}

type Producer = (data: SamplerData, args: Record<string, string>, table: string) => ResultTable;

const PRODUCERS: Record<string, { spec: ScriptFunctionSpec; produce: Producer }> = {};
for (const spec of STACK_TRACES_SCRIPT.functions) PRODUCERS[spec.func] = { spec, produce: stackTraces };
const latencyProducers: Record<string, Producer> = {
  service_latency: (d, a, t) => latency(d, a, t, 'service', false),
  endpoint_latency: (d, a, t) => latency(d, a, t, 'endpoint', false),
  service_timeseries: (d, a, t) => latency(d, a, t, 'service', true),
  endpoint_timeseries: (d, a, t) => latency(d, a, t, 'endpoint', true),
};
for (const spec of HTTP_LATENCY_SCRIPT.functions) PRODUCERS[spec.func] = { spec, produce: latencyProducers[spec.func] };

export function functionSpec(func: string): ScriptFunctionSpec | undefined {
  return PRODUCERS[func]?.spec;
}

/** Runs one exec func; throws ScriptError for unknown functions and bad or missing arguments. */
export function runFunction(data: SamplerData, func: string, args: Record<string, string>, table: string, source: string): ResultTable {
  const entry = PRODUCERS[func];
  if (!entry) throw new ScriptError(`function '${func}' is not defined; the local sampler runs ${Object.keys(PRODUCERS).join(', ')}`, ...where(source, func));
  for (const name of entry.spec.args) {
    if (args[name] === undefined) throw new ScriptError(`${func}() missing 1 required positional argument: '${name}'`, ...where(source, func));
  }
  for (const name of Object.keys(args)) {
    if (!entry.spec.args.includes(name)) throw new ScriptError(`${func}() got an unexpected keyword argument '${name}'`, ...where(source, func));
  }
  return entry.produce(data, args, table || entry.spec.table);
}

/** Line and column (1-based) of `def func(` in the PxL source, where Pixie would point. */
function where(source: string, func: string): [number, number] {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i].indexOf(`def ${func}(`);
    if (col >= 0) return [i + 1, col + 5];
  }
  return [1, 1];
}

function sinceMs(data: SamplerData, args: Record<string, string>, func: string): number {
  const value = args[ARG_START_TIME];
  const seconds = windowForStartTime(value);
  if (seconds === undefined || seconds <= 0) {
    throw new ScriptError(`${func}(): start_time '${value}' is not a relative time such as -30s, -5m or -1h`);
  }
  return data.nowMs() - seconds * 1000;
}

function stackTraces(data: SamplerData, args: Record<string, string>, table: string): ResultTable {
  const since = sinceMs(data, args, 'stack_traces');
  const namespace = args[ARG_NAMESPACE] ?? '';
  const pod = args[ARG_POD] ?? '';
  const sums = new Map<string, Cell[]>();
  for (const row of data.windows.stackRows(since)) {
    const a = data.attribution(row.source);
    if (!a || !a.pod) continue;
    const podName = `${a.namespace}/${a.pod}`;
    if (!a.namespace.includes(namespace) || !podName.includes(pod)) continue;
    const key = [a.node, a.namespace, podName, a.container, a.cmdline, row.stack].join('\u0000');
    const existing = sums.get(key);
    if (existing) existing[6] = (existing[6] as number) + row.count;
    else sums.set(key, [a.node, a.namespace, podName, a.container, a.cmdline, row.stack, row.count]);
  }
  const rows = [...sums.values()].sort((x, y) => (y[6] as number) - (x[6] as number));
  return { name: table, columns: STACK_TRACES_SCRIPT.functions[0].columns, rows };
}

/** As the PxL does: the query string goes, numeric segments become `<id>` (so /hats/41 and /hats/42 count together). */
export function endpointPath(path: string): string {
  const q = path.search(/[?#]/);
  let p = q >= 0 ? path.slice(0, q) : path;
  for (let i = 0; i < 2; i++) p = p.replace(/\/[0-9]+(\/|$)/g, '/<id>$1');
  return p || '/';
}

function latency(data: SamplerData, args: Record<string, string>, table: string, by: 'service' | 'endpoint', series: boolean): ResultTable {
  const func = `${by}_${series ? 'timeseries' : 'latency'}`;
  const since = sinceMs(data, args, func);
  const namespace = args[ARG_NAMESPACE] ?? '';
  const binMs = LATENCY_BIN_SECONDS * 1000;
  const groups = new Map<string, { key: Cell[]; events: HttpEvent[] }>();
  for (const e of data.windows.events(since)) {
    const a = data.attribution(e.source);
    if (!a || !a.service || !a.namespace.includes(namespace)) continue;
    const key: Cell[] = [];
    if (series) key.push(BigInt(Math.floor(e.timeMs / binMs) * binMs) * 1_000_000n);
    key.push(a.service);
    if (by === 'endpoint') key.push(e.method, endpointPath(e.path));
    const id = key.map(String).join('\u0000');
    let group = groups.get(id);
    if (!group) {
      group = { key, events: [] };
      groups.set(id, group);
    }
    group.events.push(e);
  }
  const rows = [...groups.values()]
    .sort((x, y) => compareKeys(x.key, y.key))
    .map(({ key, events }) => {
      const sorted = events.map((e) => e.latencyNs).sort((a, b) => a - b);
      const failures = events.filter((e) => e.status >= 400).length;
      return [
        ...key,
        Math.floor(quantileOfSorted(sorted, 0.5)),
        Math.floor(quantileOfSorted(sorted, 0.9)),
        Math.floor(quantileOfSorted(sorted, 0.99)),
        events.length,
        failures / events.length,
      ];
    });
  const spec = HTTP_LATENCY_SCRIPT.functions.find((f) => f.func === func)!;
  return { name: table, columns: spec.columns, rows };
}

function compareKeys(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
