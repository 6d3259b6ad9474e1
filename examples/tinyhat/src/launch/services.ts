// Starts each Tinyhat service as its own Node process on its manifest targetPort, with peers reached through their public ports.

import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import type { Manifest, ManifestService } from '../../../../src/sampler/manifest';

export interface RunningService {
  service: ManifestService;
  pid: number;
  child: ChildProcess;
}

export interface TinyhatOptions {
  manifest: Manifest;
  dataDir: string;
  /** Extra Node flags, e.g. --perf-basic-prof for perf, --inspect=127.0.0.1:0 for the inspector. */
  nodeFlags: string[];
  /** Where the services' output goes (default: inherited). */
  stdio?: 'inherit' | 'ignore' | 'pipe';
  startTimeoutMs?: number;
}

export class Tinyhat {
  private constructor(readonly services: RunningService[]) {}

  static async start(options: TinyhatOptions): Promise<Tinyhat> {
    const { manifest } = options;
    const env: NodeJS.ProcessEnv = { ...process.env, TINYHAT_DATA_DIR: options.dataDir };
    for (const s of manifest.services) {
      env[`TINYHAT_URL_${s.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = `http://127.0.0.1:${s.port}`;
    }
    const running: RunningService[] = [];
    const app = new Tinyhat(running);
    try {
      for (const service of manifest.services) {
        if (!service.entry) throw new Error(`manifest service ${service.name} has no "entry" script to start`);
        const script = resolve(manifest.baseDir ?? '.', service.entry);
        const child = spawn(process.execPath, [...options.nodeFlags, script], {
          env: { ...env, TINYHAT_PORT: String(service.targetPort) },
          stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit'],
        });
        if (child.pid === undefined) throw new Error(`cannot start ${service.name} (${script})`);
        running.push({ service, pid: child.pid, child });
      }
      await Promise.all(running.map((r) => waitListening(r, options.startTimeoutMs ?? 15_000)));
    } catch (err) {
      await app.stop();
      throw err;
    }
    return app;
  }

  /** SIGTERM, then SIGKILL after a grace period; resolves when every process has exited. */
  async stop(graceMs = 3000): Promise<void> {
    await Promise.all(
      this.services.map(
        ({ child }) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

function waitListening(r: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolveReady, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`${r.service.name} exited (code ${code}) before listening on 127.0.0.1:${r.service.targetPort}`));
    r.child.once('exit', onExit);
    const attempt = (): void => {
      const socket = connect(r.service.targetPort, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        r.child.off('exit', onExit);
        resolveReady();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) {
          r.child.off('exit', onExit);
          reject(new Error(`${r.service.name} did not listen on 127.0.0.1:${r.service.targetPort} within ${timeoutMs} ms`));
        } else if (r.child.exitCode === null) setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}
