// Reads pprof profiles (`profile.proto`, as `go tool pprof`, Parca and Pyroscope write them; gunzipped first by the caller).
//
// Sample type: `samples` (count) when present; otherwise `cpu`/`wall` in a time unit,
// converted to samples by dividing by the period; otherwise the default sample type
// (its raw values). sampleIntervalMs comes from the period when its unit is a time.
//
// Frames: locations are leaf first in a sample, so they are reversed; each location's
// lines are its inlined calls, innermost first, so they are reversed too and each
// becomes a frame. A frame is named `function file:line` (see sourceFrame.ts) where the
// line is the function's start line, or when the profile lacks it, the lowest line seen
// for that function: one function is one frame, as in pprof's default (function)
// granularity, and the position still leads to the function in the source. Locations
// without symbols become `[m] /path/lib.so + 0x…` or a bare `0x…` address.
//
// Sample labels `node`, `namespace`, `pod`, `container` and `cmdline`/`process` (string
// labels; `k8s.*.name` spellings too) become the stack's k8s context.

import { Function as PprofFunction, Location, Mapping, Profile as PprofProfile } from 'pprof-format';
import { K8sContext, ScopeKey } from '../k8sContext';
import { Profile, ProfileBuilder } from '../profile';
import { ProfileFormatError } from './formatError';
import { requireSamples } from './profileReader';
import { formatSourceFrame } from './sourceFrame';

type Numeric = number | bigint;

const LABEL_KEYS: Record<string, ScopeKey> = {
  node: 'node',
  'k8s.node.name': 'node',
  namespace: 'namespace',
  'k8s.namespace.name': 'namespace',
  pod: 'pod',
  'k8s.pod.name': 'pod',
  container: 'container',
  'k8s.container.name': 'container',
  cmdline: 'process',
  process: 'process',
};

const TIME_UNIT_MS: Record<string, number> = { nanoseconds: 1e-6, microseconds: 1e-3, milliseconds: 1, seconds: 1000 };

export function readPprof(bytes: Uint8Array, source?: string): Profile {
  let pprof: PprofProfile;
  try {
    pprof = PprofProfile.decode(bytes);
  } catch (err) {
    throw new ProfileFormatError(`not a pprof profile: the protobuf does not decode (${err instanceof Error ? err.message : String(err)})`);
  }
  const strings = pprof.stringTable.strings;
  const str = (i: Numeric): string => strings[Number(i)] ?? '';
  if (strings[0] !== '' || pprof.sampleType.length === 0) {
    throw new ProfileFormatError('not a pprof profile: it has no sample types or string table');
  }

  const { index, divisor } = chooseValue(pprof, str);
  const frames = new LocationFrames(pprof, str);
  const builder = new ProfileBuilder();
  const contexts = new Map<string, K8sContext | undefined>();
  const stack: string[] = [];
  for (const sample of pprof.sample) {
    const raw = Number(sample.value[index] ?? 0);
    const count = divisor === 1 ? raw : Math.round(raw / divisor);
    if (!(count > 0)) continue;
    stack.length = 0;
    for (let i = sample.locationId.length - 1; i >= 0; i--) {
      for (const f of frames.of(sample.locationId[i])) stack.push(f);
    }
    if (stack.length === 0) continue;
    builder.add(stack, count, sampleContext(sample.label, str, contexts, builder));
  }

  const periodUnit = pprof.periodType ? str(pprof.periodType.unit) : '';
  const period = Number(pprof.period);
  const extra: { sampleIntervalMs?: number; source?: string } = {};
  if (period > 0 && TIME_UNIT_MS[periodUnit] !== undefined) extra.sampleIntervalMs = period * TIME_UNIT_MS[periodUnit];
  if (source) extra.source = source;
  return requireSamples(builder.build('pprof', extra));
}

function chooseValue(pprof: PprofProfile, str: (i: Numeric) => string): { index: number; divisor: number } {
  const types = pprof.sampleType.map((t) => ({ type: str(t.type), unit: str(t.unit) }));
  const samples = types.findIndex((t) => t.type === 'samples');
  if (samples >= 0) return { index: samples, divisor: 1 };
  const period = Number(pprof.period);
  const periodUnit = pprof.periodType ? str(pprof.periodType.unit) : '';
  const timed = types.findIndex((t) => (t.type === 'cpu' || t.type === 'wall') && t.unit === periodUnit && TIME_UNIT_MS[t.unit] !== undefined);
  if (timed >= 0 && period > 0) return { index: timed, divisor: period };
  const defaultName = str(pprof.defaultSampleType);
  const byDefault = defaultName ? types.findIndex((t) => t.type === defaultName) : -1;
  // pprof's own convention: without a default, the last sample type is the one shown.
  return { index: byDefault >= 0 ? byDefault : types.length - 1, divisor: 1 };
}

/** Root-first frame names of each location, computed once per location. */
class LocationFrames {
  private readonly locations = new Map<number, Location>();
  private readonly functions = new Map<number, PprofFunction>();
  private readonly mappings = new Map<number, Mapping>();
  private readonly functionLine = new Map<number, number>();
  private readonly cache = new Map<number, string[]>();

  constructor(
    pprof: PprofProfile,
    private readonly str: (i: Numeric) => string,
  ) {
    for (const f of pprof.function) this.functions.set(Number(f.id), f);
    for (const m of pprof.mapping) this.mappings.set(Number(m.id), m);
    for (const l of pprof.location) {
      this.locations.set(Number(l.id), l);
      for (const line of l.line) {
        const id = Number(line.functionId);
        const n = Number(line.line);
        const lowest = this.functionLine.get(id);
        if (n > 0 && (lowest === undefined || n < lowest)) this.functionLine.set(id, n);
      }
    }
    for (const f of pprof.function) {
      if (Number(f.startLine) > 0) this.functionLine.set(Number(f.id), Number(f.startLine));
    }
  }

  of(locationId: Numeric): string[] {
    const id = Number(locationId);
    let frames = this.cache.get(id);
    if (!frames) {
      frames = this.compute(id);
      this.cache.set(id, frames);
    }
    return frames;
  }

  private compute(id: number): string[] {
    const location = this.locations.get(id);
    if (!location) throw new ProfileFormatError(`not a valid pprof profile: a sample refers to location ${id}, which is not in the profile`);
    const frames: string[] = [];
    for (let i = location.line.length - 1; i >= 0; i--) {
      const fid = Number(location.line[i].functionId);
      const fn = this.functions.get(fid);
      if (!fn) continue;
      const name = this.str(fn.name) || this.str(fn.systemName);
      if (!name) continue;
      frames.push(formatSourceFrame(name, this.str(fn.filename), this.functionLine.get(fid) ?? 0));
    }
    if (frames.length === 0) frames.push(this.unsymbolized(location));
    return frames;
  }

  private unsymbolized(location: Location): string {
    const address = `0x${BigInt(location.address).toString(16).padStart(16, '0')}`;
    const mapping = this.mappings.get(Number(location.mappingId));
    const file = mapping ? this.str(mapping.filename) : '';
    if (!file || !mapping) return address;
    const offset = BigInt(location.address) - BigInt(mapping.memoryStart) + BigInt(mapping.fileOffset);
    return `[m] ${file} + 0x${(offset >= 0n ? offset : BigInt(location.address)).toString(16).padStart(8, '0')}`;
  }
}

function sampleContext(
  labels: readonly { key: Numeric; str: Numeric }[],
  str: (i: Numeric) => string,
  cache: Map<string, K8sContext | undefined>,
  builder: ProfileBuilder,
): K8sContext | undefined {
  if (labels.length === 0) return undefined;
  let ctx: K8sContext | undefined;
  for (const label of labels) {
    const key = LABEL_KEYS[str(label.key)];
    const value = str(label.str);
    if (key && value) (ctx ??= {})[key] = value;
  }
  if (!ctx) return undefined;
  const cacheKey = `${ctx.node ?? ''}\u0001${ctx.namespace ?? ''}\u0001${ctx.pod ?? ''}\u0001${ctx.container ?? ''}\u0001${ctx.process ?? ''}`;
  if (!cache.has(cacheKey)) cache.set(cacheKey, builder.context(ctx));
  return cache.get(cacheKey);
}
