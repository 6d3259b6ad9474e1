import * as assert from 'node:assert/strict';
import { classifyFrame } from '../../../src/core/frameKind';
import { readProfile } from '../../../src/core/formats/readProfile';
import { fixtureBytes, stackCounts } from './fixtures';

describe('pprof', () => {
  const profile = readProfile(fixtureBytes('go-admin.pb.gz'), 'go-admin.pb.gz');

  it('reads a gzipped Go CPU profile: samples, not nanoseconds, and the 10 ms period', () => {
    assert.equal(profile.format, 'pprof');
    assert.equal(profile.totalSamples, 360);
    assert.equal(profile.sampleIntervalMs, 10);
    assert.equal(profile.source, 'go-admin.pb.gz');
  });

  it('reads the same profile uncompressed', () => {
    assert.deepEqual(stackCounts(readProfile(fixtureBytes('go-admin.pb'))), stackCounts(profile));
  });

  it('orders frames root first, splits inlined calls into frames and names them `function file:line`', () => {
    const hot = profile.stacks.find((s) => s.count === 200)!;
    assert.deepEqual(hot.frames, [
      'runtime.goexit.abi0 /usr/local/go/src/runtime/asm_amd64.s:1695',
      'net/http.(*conn).serve /usr/local/go/src/net/http/server.go:1995',
      'github.com/gofiber/fiber/v2.(*App).handler /go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.0/router.go:216',
      'main.UnmoderatedPic /app/handlers.go:41',
      'main.createSampleImage /app/preview.go:18',
      'main.createSampleImage.func1 /app/preview.go:24',
      'net/http.(*Client).Do /usr/local/go/src/net/http/client.go:587',
    ]);
  });

  it('gives a function one frame even when its samples hit several lines (start line, else the lowest line)', () => {
    const decode = new Set(profile.stacks.flatMap((s) => s.frames.filter((f) => f.startsWith('image/png.Decode'))));
    assert.deepEqual([...decode], ['image/png.Decode /usr/local/go/src/image/png/reader.go:966']);
  });

  it('names a location without symbols by its module and offset', () => {
    const libc = profile.stacks.find((s) => s.count === 7)!;
    const leaf = libc.frames.at(-1)!;
    assert.match(leaf, /^\[m\] \/usr\/lib\/x86_64-linux-gnu\/libc\.so\.6 \+ 0x[0-9a-f]{8,}$/);
    assert.equal(classifyFrame(leaf), 'unsymbolized');
  });

  it('takes namespace, pod and container from sample labels and ignores other labels', () => {
    const contexts = new Set(profile.stacks.map((s) => s.ctx));
    assert.equal(contexts.size, 1);
    assert.deepEqual([...contexts][0], { namespace: 'default', pod: 'admin-service-7d9f8b6c5-x2k4p', container: 'admin-service' });
  });

  it('rejects a truncated download and bytes that are not a profile, saying so', () => {
    assert.throws(() => readProfile(fixtureBytes('truncated.pb.gz'), 'truncated.pb.gz'), {
      name: 'ProfileFormatError',
      message: /^truncated\.pb\.gz: not valid gzip data \(.+\); is the file complete\?$/,
    });
    assert.throws(() => readProfile(fixtureBytes('not-a-profile.pb'), 'not-a-profile.pb'), {
      name: 'ProfileFormatError',
      message: /^not-a-profile\.pb: not a profile we can read: binary data that is neither gzip nor pprof/,
    });
  });
});
