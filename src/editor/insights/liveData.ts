// The latest latency table and profile for CodeLens and hovers: refreshed on an interval from the live source, and on Refresh.

import * as vscode from 'vscode';
import type { LatencyTable } from '../../core/latency';
import type { Profile } from '../../core/profile';
import type { FlamegraphPanels } from '../flamegraph/panels';
import type { LatencyPanels } from '../latency/latencyPanels';
import { log } from '../log';
import { isUnavailable, SourceConnection } from '../sources/connection';
import { defaultWindow, settings } from '../sources/sourceSettings';
import { errorMessage } from '../userError';

export class LiveData implements vscode.Disposable {
  latency: LatencyTable | undefined;
  profile: Profile | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private lastError: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the latency or the profile changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connection: SourceConnection,
    panels: FlamegraphPanels,
    latencyPanels: LatencyPanels,
  ) {
    // What the user opened is the freshest data there is: lenses follow it.
    this.disposables.push(
      panels.onDidLoadProfile((p) => this.setProfile(p)),
      latencyPanels.onDidLoadTable((t) => this.setLatency(t)),
      connection.onDidChange(() => {
        // Another source: what the old one said no longer describes this code.
        this.latency = undefined;
        this.profile = undefined;
        this.changed.fire();
        this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flamelens.refreshIntervalSeconds') || e.affectsConfiguration('flamelens.codeLens.enabled')) this.schedule();
      }),
    );
  }

  setProfile(profile: Profile): void {
    this.profile = profile;
    this.changed.fire();
  }

  setLatency(table: LatencyTable): void {
    this.latency = table;
    this.changed.fire();
  }

  /** Starts the refresh loop (first fetch now); called when lenses are first asked for. */
  start(): void {
    if (!this.timer && !this.refreshing) void this.refresh().finally(() => this.schedule());
  }

  /** Fetches latency and the profile of the default window from the live source, if there is one. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.fetch().finally(() => (this.refreshing = undefined));
    }
    return this.refreshing;
  }

  private async fetch(): Promise<void> {
    const source = await this.connection.current();
    if (isUnavailable(source)) return;
    const window = defaultWindow();
    const [latency, profile] = await Promise.allSettled([
      source.fetchLatency({ windowSeconds: window.seconds }),
      source.fetchProfile({ windowSeconds: window.seconds }),
    ]);
    if (latency.status === 'fulfilled') this.latency = latency.value;
    if (profile.status === 'fulfilled') this.profile = profile.value;
    const failures = [latency, profile].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => errorMessage(r.reason));
    const message = failures.join('; ');
    // The same failure every interval is logged once, not every 30 s.
    if (message && message !== this.lastError) log().warn(`lens data from ${source.label}: ${message}`);
    this.lastError = message || undefined;
    this.changed.fire();
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!settings().get<boolean>('codeLens.enabled', true)) return;
    const seconds = Math.max(5, settings().get<number>('refreshIntervalSeconds', 30));
    this.timer = setInterval(() => void this.refresh(), seconds * 1000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
