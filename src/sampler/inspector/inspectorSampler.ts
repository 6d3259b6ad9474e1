// Samples Node processes through their inspector (Profiler.start/stop), where perf is not available.

import { ChunkLoop } from '../chunkLoop';
import type { CpuSampler, CpuSamplerEvents } from '../cpuSampler';
import type { CpuChunk } from '../stacks';
import { findInspectorUrl } from './discover';
import { CpuProfile, foldCpuProfile } from './fold';
import { InspectorSession } from './session';

/** ~99 Hz like perf, so counts from both samplers mean the same. */
const INTERVAL_US = 10_101;

export class InspectorSampler implements CpuSampler {
  readonly kind = 'inspector';
  private readonly chunks = new ChunkLoop();
  private readonly sessions = new Map<number, InspectorSession>();
  /** PIDs that could not be attached, with when to try again (one message per failure, not one per chunk). */
  private readonly retryAt = new Map<number, number>();

  constructor(
    private readonly events: CpuSamplerEvents,
    private readonly chunkSeconds: readonly number[] = [2, 5, 10],
    /** Ports that are known not to be inspectors (the services' own ports). */
    private readonly skipPorts: readonly number[] = [],
  ) {}

  start(): void {
    this.chunks.start(() => this.run());
  }

  async stop(): Promise<void> {
    await this.chunks.stop();
    await Promise.all([...this.sessions.values()].map((s) => s.send('Profiler.stop', {}, 1000).catch(() => undefined)));
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }

  private async run(): Promise<void> {
    for (let i = 0; this.chunks.running; i++) {
      const seconds = this.chunkSeconds[Math.min(i, this.chunkSeconds.length - 1)];
      await this.attach(await this.events.targets());
      const startMs = Date.now();
      await this.chunks.pause(seconds * 1000);
      if (!this.chunks.running) break;
      const chunk: CpuChunk = { startMs, endMs: Date.now(), byPid: new Map(), sampleIntervalMs: INTERVAL_US / 1000 };
      await Promise.all(
        [...this.sessions].map(async ([pid, session]) => {
          try {
            const { profile } = await session.send<{ profile: CpuProfile }>('Profiler.stop');
            await session.send('Profiler.start');
            chunk.byPid.set(pid, foldCpuProfile(profile));
          } catch (err) {
            this.events.onError(`stopped sampling PID ${pid}: ${(err as Error).message}`);
            session.close();
            this.sessions.delete(pid);
          }
        }),
      );
      this.events.onChunk(chunk);
    }
  }

  private async attach(pids: number[]): Promise<void> {
    for (const [pid, session] of this.sessions) {
      if (!pids.includes(pid)) {
        session.close();
        this.sessions.delete(pid);
      }
    }
    await Promise.all(
      pids
        .filter((pid) => !this.sessions.has(pid) && (this.retryAt.get(pid) ?? 0) <= Date.now())
        .map(async (pid) => {
          try {
            const session = await InspectorSession.connect(await findInspectorUrl(pid, this.skipPorts));
            await session.send('Profiler.enable');
            await session.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
            await session.send('Profiler.start');
            this.sessions.set(pid, session);
            this.retryAt.delete(pid);
          } catch (err) {
            this.retryAt.set(pid, Date.now() + 30_000);
            this.events.onError(`cannot sample PID ${pid} through its inspector: ${(err as Error).message}`);
          }
        }),
    );
  }
}
