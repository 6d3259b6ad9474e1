// Load generator entry (dist/load.js): admins opening /admin, users uploading hats, visitors browsing; prints what it observed.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad } from './src/load/runLoad';
import { LoadRecorder } from './src/load/recorder';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    duration: { type: 'string' },
    'report-every': { type: 'string' },
    json: { type: 'string' },
    'admin-pause': { type: 'string' },
    'upload-pause': { type: 'string' },
    'visitor-pause': { type: 'string' },
    'max-pending': { type: 'string' },
    'admin-visits': { type: 'string' },
  },
});
const seconds = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v) * 1000);
const baseUrl = values.url ?? 'http://127.0.0.1:31080';
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const recorder = new LoadRecorder();
const everyMs = seconds(values['report-every']) ?? 30_000;
const report = setInterval(() => process.stdout.write(`load: so far\n${recorder.format()}\n`), everyMs);
process.stdout.write(`load: sending admins, uploads and visitors to ${baseUrl}\n`);
runLoad({
  baseUrl,
  durationMs: seconds(values.duration),
  signal: controller.signal,
  recorder,
  adminPauseMs: seconds(values['admin-pause']),
  uploadPauseMs: seconds(values['upload-pause']),
  visitorPauseMs: seconds(values['visitor-pause']),
  maxPending: values['max-pending'] === undefined ? undefined : Number(values['max-pending']),
  adminVisits: values['admin-visits'] === undefined ? undefined : Number(values['admin-visits']),
}).then(
  () => {
    clearInterval(report);
    process.stdout.write(`load: done\n${recorder.format()}\n`);
    // For scripts and tests that compare what the load saw with what the sampler measured.
    if (values.json) writeFileSync(values.json, JSON.stringify(recorder.stats(), null, 2));
  },
  (err: Error) => {
    clearInterval(report);
    process.stderr.write(`load: ${err.message}\n`);
    process.exitCode = 1;
  },
);
