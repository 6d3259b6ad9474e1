// Where a Tinyhat service listens and how it reaches its peers, from the environment the launcher sets.

import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The port this service listens on (behind its latency proxy). */
export function listenPort(): number {
  const port = Number(process.env.TINYHAT_PORT);
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error('TINYHAT_PORT is not set: start Tinyhat services with `npm run demo` (or the launcher), which assigns ports');
  }
  return port;
}

/** Base URL of a peer service, e.g. peerUrl('upload-service'); the launcher points it at the peer's public port. */
export function peerUrl(service: string): string {
  const key = `TINYHAT_URL_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const url = process.env[key];
  if (!url) throw new Error(`${key} is not set: the launcher gives every service its peers' addresses`);
  return url.replace(/\/$/, '');
}

/** Directory for the SQLite database; never inside the repository unless asked. */
export function dataDir(): string {
  return process.env.TINYHAT_DATA_DIR || join(tmpdir(), 'tinyhat-data');
}
