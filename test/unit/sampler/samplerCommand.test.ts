// `flamelens sampler` from the CLI: its argument errors, the address line scripts read, and a clean stop on Ctrl+C.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../cli/cliIo';
import { freePort, loopbackClient } from './support';

describe('flamelens sampler', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-sampler-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('explains bad arguments and manifests with exit code 2', async () => {
    const bad = captureCli();
    assert.equal(await main(['sampler', '--window', 'soon'], bad.io), 2);
    assert.match(bad.stderr(), /--window must be a duration/);
    const missing = captureCli();
    assert.equal(await main(['sampler', '--manifest', join(dir, 'nope.json')], missing.io), 2);
    assert.match(missing.stderr(), /cannot read manifest .*nope\.json: ENOENT/);
    writeFileSync(join(dir, 'broken.json'), '{"services": [{"name": "a"}]}');
    const broken = captureCli();
    assert.equal(await main(['sampler', '--manifest', join(dir, 'broken.json')], broken.io), 2);
    assert.match(broken.stderr(), /services\[0\]\.pod must be a non-empty string/);
  });

  it('prints `sampler: 127.0.0.1:PORT`, answers the Vizier API there, and stops on Ctrl+C', async () => {
    const manifest = join(dir, 'manifest.json');
    const port = await freePort();
    writeFileSync(manifest, JSON.stringify({ node: 'n1', services: [{ name: 'upload-service', pod: 'upload-service-6f7d8c9b4-k5w7z', port, targetPort: await freePort() }] }));
    const ctrlC = new AbortController();
    const run = captureCli({ signal: ctrlC.signal });
    const exit = main(['sampler', '--manifest', manifest, '--cpu', 'inspector'], run.io);
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /^sampler: (127\.0\.0\.1:\d+)$/m.exec(run.stdout());
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        }
      }, 50);
      exit.then((code) => reject(new Error(`exited with ${code}: ${run.stderr()}`)));
    });
    const client = loopbackClient(address);
    await client.healthCheck({ timeoutMs: 5000 });
    client.close();
    ctrlC.abort();
    assert.equal(await exit, 0);
    assert.match(run.stderr(), /latency proxies on upload-service :\d+->:\d+/);
  });
});
