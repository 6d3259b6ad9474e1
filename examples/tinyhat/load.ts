// Load generator entry (dist/load.js): admins opening /admin, users uploading hats, visitors browsing; prints what it observed.

import { parseArgs } from 'node:util';
import { runLoad } from './src/load/runLoad';
import { LoadRecorder } from './src/load/recorder';

const { values } = parseArgs({
  options: { url: { type: 'string' }, duration: { type: 'string' }, 'report-every': { type: 'string' } },
});
const baseUrl = values.url ?? 'http://127.0.0.1:31080';
const durationMs = values.duration ? Number(values.duration) * 1000 : undefined;
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const recorder = new LoadRecorder();
const everyMs = Number(values['report-every'] ?? 30) * 1000;
const report = setInterval(() => process.stdout.write(`load: so far\n${recorder.format()}\n`), everyMs);
process.stdout.write(`load: sending admins, uploads and visitors to ${baseUrl}\n`);
runLoad({ baseUrl, durationMs, signal: controller.signal, recorder }).then(
  () => {
    clearInterval(report);
    process.stdout.write(`load: done\n${recorder.format()}\n`);
  },
  (err: Error) => {
    clearInterval(report);
    process.stderr.write(`load: ${err.message}\n`);
    process.exitCode = 1;
  },
);
