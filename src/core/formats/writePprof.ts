// Writes a profile as pprof (`profile.proto`), gzipped when asked, so `go tool pprof` and our reader can open it.
//
// Sample type `samples/count` (plus `cpu/nanoseconds` with the period when the sample
// interval is known, as Go's CPU profiles have). One function and one location per
// distinct frame name. A frame `function file:line[:col]` (see sourceFrame.ts) becomes a
// function with that file and start line; pprof functions have no column, so columns
// are dropped. k8s contexts become string labels `node`, `namespace`, `pod`,
// `container`, `cmdline` on each sample.

import { gzipSync } from 'node:zlib';
import { Function as PprofFunction, Label, Line, Location, Profile as PprofProfile, Sample, StringTable, ValueType } from 'pprof-format';
import { K8sContext } from '../k8sContext';
import { Profile } from '../profile';
import { parseSourceFrame } from './sourceFrame';

const LABELS: [keyof K8sContext, string][] = [
  ['node', 'node'],
  ['namespace', 'namespace'],
  ['pod', 'pod'],
  ['container', 'container'],
  ['process', 'cmdline'],
];

export function writePprof(profile: Profile, options: { gzip?: boolean } = {}): Uint8Array {
  const strings = new StringTable();
  const functions: PprofFunction[] = [];
  const locations: Location[] = [];
  const locationOf = new Map<string, number>();
  const labelsOf = new Map<K8sContext, Label[]>();

  const location = (frame: string): number => {
    let id = locationOf.get(frame);
    if (id === undefined) {
      id = locations.length + 1;
      const source = parseSourceFrame(frame);
      const fn = new PprofFunction({
        id,
        name: strings.dedup(source ? source.functionName : frame),
        systemName: strings.dedup(source ? source.functionName : frame),
        filename: strings.dedup(source ? source.file : ''),
        startLine: source ? source.line : 0,
      });
      functions.push(fn);
      locations.push(new Location({ id, line: [new Line({ functionId: id, line: source ? source.line : 0 })] }));
      locationOf.set(frame, id);
    }
    return id;
  };

  const labels = (ctx: K8sContext | undefined): Label[] => {
    if (!ctx) return [];
    let found = labelsOf.get(ctx);
    if (!found) {
      found = LABELS.filter(([k]) => ctx[k]).map(([k, key]) => new Label({ key: strings.dedup(key), str: strings.dedup(ctx[k]!) }));
      labelsOf.set(ctx, found);
    }
    return found;
  };

  const periodNs = profile.sampleIntervalMs && profile.sampleIntervalMs > 0 ? Math.round(profile.sampleIntervalMs * 1e6) : 0;
  const samples: Sample[] = [];
  for (const stack of profile.stacks) {
    const ids: number[] = new Array(stack.frames.length);
    for (let i = 0; i < stack.frames.length; i++) ids[stack.frames.length - 1 - i] = location(stack.frames[i]);
    const count = Math.round(stack.count);
    if (count <= 0) continue;
    const value = periodNs ? [count, count * periodNs] : [count];
    samples.push(new Sample({ locationId: ids, value, label: labels(stack.ctx) }));
  }

  const sampleType = [new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') })];
  const extra: { periodType?: ValueType; period?: number } = {};
  if (periodNs) {
    const cpu = new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') });
    sampleType.push(cpu);
    extra.periodType = cpu;
    extra.period = periodNs;
  }
  const pprof = new PprofProfile({ sampleType, sample: samples, location: locations, function: functions, stringTable: strings, ...extra });
  const encoded = pprof.encode();
  return options.gzip ? gzipSync(encoded) : encoded;
}
