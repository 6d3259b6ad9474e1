import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { readFolded } from '../../../src/core/formats/folded';
import { readProfile } from '../../../src/core/formats/readProfile';
import { foldedText, pixieJsonText, toText } from '../../../src/core/formats/writeText';
import { writePprof } from '../../../src/core/formats/writePprof';
import { CLUSTER, fixtureBytes, samplesBy, stackCounts } from './fixtures';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('writers and round trips', () => {
  const cluster = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));

  it('folded -> json -> folded keeps every stack, count and context', () => {
    const folded = readProfile(fixtureBytes('pixie-flamegraph.folded'));
    const json = toText(pixieJsonText(folded));
    const back = readProfile(bytes(json));
    const foldedAgain = toText(foldedText(back));
    assert.equal(foldedAgain, toText(foldedText(folded)));
    assert.deepEqual(stackCounts(readFolded(foldedAgain)), stackCounts(cluster));
  });

  it('writes folded lines as Pixie UI exports them, k8s frames first', () => {
    const first = toText(foldedText(cluster)).split('\n')[0];
    assert.match(first, /^node: gke-tinyhat-default-pool-5c8a2b1e-k3vx;namespace: default;pod: admin-service-7d9f8b6c5-x2k4p;container: admin-service;pid: \/app\/admin-service;runtime\.goexit\.abi0;.*;net\/http\.\(\*Transport\)\.roundTrip 200$/);
  });

  it('writes JSON rows in the shape px prints, pod as namespace/pod', () => {
    const row = JSON.parse(toText(pixieJsonText(cluster)).split('\n')[0]);
    assert.deepEqual(Object.keys(row), ['node', 'namespace', 'pod', 'container', 'cmdline', 'stack_trace', 'count']);
    assert.equal(row.pod, 'default/admin-service-7d9f8b6c5-x2k4p');
    assert.equal(row.count, 200);
  });

  it('pprof keeps stacks, counts, contexts and the sample interval, gzipped or not', () => {
    for (const gzip of [false, true]) {
      const back = readProfile(writePprof(cluster, { gzip }));
      assert.equal(back.format, 'pprof');
      assert.equal(back.totalSamples, CLUSTER.total);
      assert.equal(back.sampleIntervalMs, 10);
      assert.deepEqual(samplesBy(back, 'namespace'), CLUSTER.byNamespace);
      assert.deepEqual(stackCounts(back), stackCounts(cluster));
    }
  });

  it('pprof output follows profile.proto conventions: samples/count first, functions and locations deduplicated', () => {
    const pprof = PprofProfile.decode(gunzipSync(writePprof(cluster, { gzip: true })));
    const str = (i: number | bigint): string => pprof.stringTable.strings[Number(i)];
    assert.deepEqual(pprof.sampleType.map((t) => `${str(t.type)}/${str(t.unit)}`), ['samples/count', 'cpu/nanoseconds']);
    assert.equal(Number(pprof.period), 10_000_000);
    const distinctFrames = new Set(cluster.stacks.flatMap((s) => s.frames)).size;
    assert.equal(pprof.function.length, distinctFrames);
    assert.equal(pprof.location.length, distinctFrames);
    assert.equal(new Set(pprof.function.map((f) => str(f.name))).size, distinctFrames);
    assert.equal(pprof.sample.length, cluster.stacks.length);
  });

  it('pprof round trip keeps `function file:line` frames as function, file and start line', () => {
    const go = readProfile(fixtureBytes('go-admin.pb.gz'));
    const back = readProfile(writePprof(go));
    assert.deepEqual(stackCounts(back), stackCounts(go));
    const pprof = PprofProfile.decode(writePprof(go));
    const str = (i: number | bigint): string => pprof.stringTable.strings[Number(i)];
    const handler = pprof.function.find((f) => str(f.name) === 'main.UnmoderatedPic')!;
    assert.equal(str(handler.filename), '/app/handlers.go');
    assert.equal(Number(handler.startLine), 41);
  });

  it('cannot put `;` or a line break inside a folded frame, so it replaces them', () => {
    const p = readFolded('a;b 1\n');
    const odd = { ...p, stacks: [{ ctx: { namespace: 'ns', process: 'sh -c "x; y"' }, frames: ['main', 'weird;name\nhere'], count: 2 }] };
    assert.equal(toText(foldedText(odd)), 'namespace: ns;pid: sh -c "x, y";main;weird,name here 2\n');
  });
});
