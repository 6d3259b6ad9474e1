import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiServer, startKubeApiServer, writeKubeconfig } from '../../support/kubeApiServer';
import { runCli } from '../cli/cliIo';

describe('flamelens clusters', () => {
  let prod: KubeApiServer;
  let lab: KubeApiServer;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    prod = await startKubeApiServer({ contextName: 'prod', pixie: { clusterId: '0f4e7c2a-9b1d-4e8f-a6c3-5d2b1e0f9a8c', clusterName: 'prod-eu', cloudAddress: 'work.withpixie.ai:443' } });
    lab = await startKubeApiServer({ contextName: 'lab' });
    dir = mkdtempSync(join(tmpdir(), 'flamelens-clusters-'));
    kubeconfig = writeKubeconfig(join(dir, 'config'), [prod.entry, lab.entry, { ...lab.entry, name: 'lab-stale', token: 'revoked' }], 'lab');
  });
  after(async () => {
    await Promise.all([prod.close(), lab.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line per context: name, server, what Pixie is there; the current one marked', async () => {
    const { code, stdout: out } = await runCli(['clusters', '--kubeconfig', kubeconfig]);
    assert.equal(code, 0);
    assert.deepEqual(out.trimEnd().split('\n'), [
      `  prod\t${prod.url}\tpixie: found (cluster-id 0f4e7c2a-9b1d-4e8f-a6c3-5d2b1e0f9a8c, name prod-eu, cloud work.withpixie.ai:443, 5/5 vizier pods ready, direct mode possible)`,
      `* lab\t${lab.url}\tpixie: not found (namespace pl not found)`,
      `  lab-stale\t${lab.url}\tpixie: not found (The Kubernetes API server of context "lab-stale" (${lab.url}) refused the credentials (401 Unauthorized). Renew them (log in again or refresh the token in the kubeconfig) or choose another context.)`,
    ]);
  });

  it('reads $KUBECONFIG, narrows to one context, and speaks JSON without secrets', async () => {
    const { code, stdout: out } = await runCli(['clusters', '--context', 'prod', '--json'], { env: { KUBECONFIG: kubeconfig } });
    assert.equal(code, 0);
    const info = JSON.parse(out);
    assert.equal(info.context, 'prod');
    assert.equal(info.pixie.clusterName, 'prod-eu');
    assert.ok(!out.includes(prod.pixie!.jwtSigningKey));
    assert.ok(!out.includes(prod.token));
  });

  it('fails with one clear line for a missing kubeconfig or a bad option', async () => {
    const missing = await runCli(['clusters', '--kubeconfig', join(dir, 'absent')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^flamelens clusters: Kubeconfig .*absent does not exist\. Point --kubeconfig/);
    const bad = await runCli(['clusters', '--kubeconfg', kubeconfig]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown option '--kubeconfg'/);
  });
});
