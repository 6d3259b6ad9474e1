// Finds the inspector WebSocket of a running Node process by PID: its listening ports, asked for /json/list.

import { get } from 'node:http';
import { readlink } from 'node:fs/promises';
import { listeningPortsOf } from '../processes';

interface InspectorTarget {
  webSocketDebuggerUrl?: string;
  type?: string;
}

/**
 * The process's own inspector URL. When it has none open and is a Node process, SIGUSR1 opens one
 * (Node's documented way to attach to a running process), on the port its --inspect-port says.
 */
export async function findInspectorUrl(pid: number, skipPorts: readonly number[] = []): Promise<string> {
  const found = await probe(pid, skipPorts);
  if (found) return found;
  const exe = await readlink(`/proc/${pid}/exe`).catch(() => '');
  if (!/\/node[^/]*$/.test(exe)) {
    throw new Error(`process ${pid} (${exe || 'unknown executable'}) is not a Node process with an inspector; start it with --inspect=127.0.0.1:0`);
  }
  process.kill(pid, 'SIGUSR1');
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const url = await probe(pid, skipPorts);
    if (url) return url;
  }
  throw new Error(`process ${pid} opened no inspector after SIGUSR1 (is port 9229 taken? start it with --inspect=127.0.0.1:0)`);
}

async function probe(pid: number, skipPorts: readonly number[]): Promise<string | undefined> {
  for (const port of await listeningPortsOf(pid)) {
    if (skipPorts.includes(port)) continue;
    const targets = await getJson(`http://127.0.0.1:${port}/json/list`);
    if (!Array.isArray(targets)) continue;
    const target = (targets as InspectorTarget[]).find((t) => t.webSocketDebuggerUrl && (t.type ?? 'node') === 'node');
    if (target?.webSocketDebuggerUrl) return target.webSocketDebuggerUrl;
  }
  return undefined;
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 500 }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(undefined);
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > 1_000_000) req.destroy();
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}
