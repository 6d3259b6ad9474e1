// Finds local processes the way the sampler attaches to them: by the TCP port they listen on, via /proc.

import { readdir, readFile, readlink } from 'node:fs/promises';

export interface LocalProcess {
  pid: number;
  /** Command line joined by spaces, as Pixie's `cmdline` column shows it. */
  cmdline: string;
  /** Start time in clock ticks after boot (/proc/PID/stat field 22): with the pid, a unique process id (Pixie's upid). */
  startTicks: number;
}

const LISTEN = '0A';

/** Every listening TCP socket (IPv4 and IPv6): socket inode -> port. */
async function listeningSockets(): Promise<Map<string, number>> {
  const sockets = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await readFile(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== LISTEN) continue;
      sockets.set(cols[9], parseInt(cols[1].slice(cols[1].lastIndexOf(':') + 1), 16));
    }
  }
  return sockets;
}

/** Port -> PID holding a listening socket on it; ports nobody (visible to us) listens on are absent. */
export async function pidsListeningOn(ports: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  const inodes = new Map([...(await listeningSockets())].filter(([, port]) => ports.includes(port)));
  if (inodes.size === 0) return found;
  const wanted = new Map([...inodes].map(([inode, port]) => [`socket:[${inode}]`, port]));
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const port = wanted.get(await readlink(`/proc/${entry}/fd/${fd}`));
        if (port !== undefined && !found.has(port)) found.set(port, Number(entry));
      } catch {
        // The fd closed while we looked.
      }
    }
    if (found.size === inodes.size) break;
  }
  return found;
}

export async function pidListeningOn(port: number): Promise<number | undefined> {
  return (await pidsListeningOn([port])).get(port);
}

/** TCP ports the process listens on (used to find a Node inspector opened on a random port). */
export async function listeningPortsOf(pid: number): Promise<number[]> {
  const sockets = new Set<string>();
  try {
    for (const fd of await readdir(`/proc/${pid}/fd`)) {
      try {
        const target = await readlink(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m) sockets.add(m[1]);
      } catch {
        // The fd closed while we looked.
      }
    }
  } catch {
    return [];
  }
  return [...(await listeningSockets())].filter(([inode]) => sockets.has(inode)).map(([, port]) => port);
}

/** Reads a process's command line and start time; undefined when it has exited. */
export async function describeProcess(pid: number): Promise<LocalProcess | undefined> {
  try {
    const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
    // The command name in field 2 may hold spaces and parentheses: count fields after the last ')'.
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, cmdline: cmdline.split('\0').filter(Boolean).join(' '), startTicks: Number(afterComm[19]) };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
