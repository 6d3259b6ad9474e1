// Launcher entry (dist/launch.js): starts the Tinyhat services of a manifest and stops them on SIGTERM/SIGINT.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readManifest } from '../../../../src/sampler/manifest';
import { perfAvailability } from '../../../../src/sampler/perf/probe';
import { Tinyhat } from './services';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { manifest: { type: 'string' }, 'data-dir': { type: 'string' }, cpu: { type: 'string' } },
  });
  const here = resolve(__dirname, '..');
  const manifest = readManifest(resolve(values.manifest ?? join(here, 'tinyhat.manifest.json')));
  const dataDir = resolve(values['data-dir'] ?? join(here, 'data'));
  mkdirSync(dataDir, { recursive: true });
  const cpu = values.cpu ?? 'auto';
  const perf = cpu === 'inspector' ? false : (await perfAvailability()).usable;
  // perf needs V8's map of JIT code (and named interpreter frames); the inspector needs an open inspector.
  const nodeFlags = perf ? ['--perf-basic-prof', '--interpreted-frames-native-stack'] : ['--inspect=127.0.0.1:0'];
  const app = await Tinyhat.start({ manifest, dataDir, nodeFlags });
  for (const r of app.services) {
    process.stdout.write(`tinyhat: ${r.service.name} PID ${r.pid} on 127.0.0.1:${r.service.targetPort} (public :${r.service.port})\n`);
  }
  process.stdout.write(`tinyhat: open http://127.0.0.1:${manifest.services[0].port}/\n`);
  const stop = (): void => {
    app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`tinyhat: ${err.message}\n`);
  process.exit(1);
});
