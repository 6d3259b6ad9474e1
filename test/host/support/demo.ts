// The Tinyhat demo (`npm run demo -- --no-editor`) started for real from a host test: its sampler address, and a stop that leaves nothing behind.
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { repoPath } from './paths';

/** A process as /proc shows it; the start time tells it apart from a later process that got the same PID. */
export interface DemoProcess {
  pid: number;
  pgid: number;
  startTicks: string;
  command: string;
}

/** What stopping the demo found. */
export interface DemoStopped {
  /** The demo script's exit code (0 after Ctrl+C), or the signal that ended it. */
  exit: number | string | undefined;
  /** Every process the demo started, seen while it ran. */
  seen: DemoProcess[];
  /** Those still running after the demo exited (they were then killed by process group). */
  left: DemoProcess[];
}

const SAMPLER_LINE = /^sampler: (127\.0\.0\.1:\d+)$/m;

/**
 * `node scripts/demo.mjs --no-editor` in a process group of its own. The demo starts its parts (sampler,
 * services, load) in groups of their own too, so they are found by parent PID while it runs, and a stop can
 * check each of them by PID afterwards.
 */
export class DemoRun {
  private readonly child: ChildProcess;
  private output = '';
  private exit: number | string | undefined;
  private readonly exited: Promise<void>;
  private readonly seen = new Map<number, DemoProcess>();
  private readonly tracker: NodeJS.Timeout;
  private stopped: Promise<DemoStopped> | undefined;

  constructor() {
    this.child = spawn(nodeBinary(), [repoPath('scripts', 'demo.mjs'), '--no-editor'], {
      cwd: repoPath(),
      env: demoEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (data: Buffer): void => {
      this.output += data.toString();
      if (this.output.length > 65_536) this.output = this.output.slice(-32_768);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = code ?? signal ?? undefined;
        resolve();
      });
      this.child.once('error', (err) => {
        this.output += `\n${err.message}`;
        this.exit = 'spawn error';
        resolve();
      });
    });
    // Parts come and go (perf records in chunks): look often, so the stop can account for each of them.
    this.tracker = setInterval(() => this.track(), 1000);
    this.tracker.unref();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The sampler's `127.0.0.1:PORT`, once the demo has printed it (everything is started by then). */
  async samplerAddress(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = SAMPLER_LINE.exec(this.output);
      if (match) {
        this.track();
        return match[1];
      }
      if (this.exit !== undefined) throw new Error(`npm run demo -- --no-editor ended (${this.exit}) before it printed "sampler: 127.0.0.1:PORT":\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`npm run demo -- --no-editor printed no "sampler: 127.0.0.1:PORT" line within ${timeoutMs / 1000} s:\n${this.tail()}`);
      await sleep(200);
    }
  }

  /** The demo's last lines of output, for failure messages. */
  tail(lines = 12): string {
    return this.output.trim().split('\n').slice(-lines).join('\n');
  }

  /**
   * Ctrl+C, as a user stops the demo (SIGINT to its process group), then SIGKILL if it has not exited
   * within `graceMs`. Afterwards every process it started is looked up by PID; any still running is
   * killed by its process group and reported in `left`. Safe to call more than once.
   */
  stop(graceMs = 20_000): Promise<DemoStopped> {
    this.stopped ??= this.stopOnce(graceMs);
    return this.stopped;
  }

  private async stopOnce(graceMs: number): Promise<DemoStopped> {
    this.track();
    const pid = this.child.pid;
    if (pid !== undefined && this.exit === undefined) {
      signalGroup(pid, 'SIGINT');
      if (!(await settles(this.exited, graceMs))) {
        signalGroup(pid, 'SIGKILL');
        await settles(this.exited, 5000);
      }
    }
    clearInterval(this.tracker);
    const seen = [...this.seen.values()];
    // The demo waits for its parts' exits, but a killed grandchild may take a moment to be reaped.
    const deadline = Date.now() + 3000;
    let left = seen.filter(isRunning);
    while (left.length > 0 && Date.now() < deadline) {
      await sleep(100);
      left = left.filter(isRunning);
    }
    const ownGroup = processGroupOf(process.pid);
    for (const p of left) {
      if (p.pgid > 1 && p.pgid !== ownGroup) signalGroup(p.pgid, 'SIGKILL');
      // The demo removes its services' perf maps as it stops; one that could not stop them leaves them.
      rmSync(`/tmp/perf-${p.pid}.map`, { force: true });
    }
    return { exit: this.exit, seen, left };
  }

  /** Adds the demo's descendants, as /proc shows them now, to what the stop must account for. */
  private track(): void {
    const root = this.child.pid;
    if (root === undefined) return;
    const all = readProcesses();
    const children = new Map<number, ProcEntry[]>();
    for (const p of all) {
      const list = children.get(p.ppid) ?? [];
      list.push(p);
      children.set(p.ppid, list);
    }
    const queue = [root];
    while (queue.length > 0) {
      const parent = queue.shift() as number;
      for (const p of children.get(parent) ?? []) {
        if (!this.seen.has(p.pid) || this.seen.get(p.pid)?.startTicks !== p.startTicks) {
          this.seen.set(p.pid, { pid: p.pid, pgid: p.pgid, startTicks: p.startTicks, command: commandOf(p.pid) });
        }
        queue.push(p.pid);
      }
    }
  }
}

interface ProcEntry {
  pid: number;
  ppid: number;
  pgid: number;
  startTicks: string;
  zombie: boolean;
}

/** /proc/PID/stat, split after the command name (which may hold spaces and parentheses). */
function readStat(pid: number): ProcEntry | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 3 (state), 4 (ppid), 5 (pgrp) and 22 (starttime) of proc(5), counted from the state.
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), startTicks: fields[19], zombie: fields[0] === 'Z' };
}

function readProcesses(): ProcEntry[] {
  const list: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readStat(Number(name));
    if (entry) list.push(entry);
  }
  return list;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '?';
  }
}

/** Still the same process, and not just an exit status waiting to be collected. */
function isRunning(p: DemoProcess): boolean {
  const now = readStat(p.pid);
  return now !== undefined && now.startTicks === p.startTicks && !now.zombie;
}

function processGroupOf(pid: number): number | undefined {
  return readStat(pid)?.pgid;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Node itself: in code-server the extension host runs on it; a desktop extension host is Electron, so ask PATH then. */
function nodeBinary(): string {
  return /^node(\.exe)?$/.test(path.basename(process.execPath)) ? process.execPath : 'node';
}

/** The extension host's environment without what is meant for VS Code's own Node processes. */
function demoEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return env;
}

/** Whether `promise` settled within `ms`. */
async function settles(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
