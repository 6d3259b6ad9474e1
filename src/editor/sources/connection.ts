// Owns the live source's lifetime: made on first use from the settings, remade when they or the API key change.

import * as vscode from 'vscode';
import type { LiveSource } from '../../sources/liveSource';
import { log } from '../log';
import type { PixieApiKey } from './pixieApiKey';
import { liveSourceSetting, LiveSourceSetting } from './sourceSettings';
import { sourcesModule } from './sourcesModule';

export type Unavailable = Extract<LiveSourceSetting, { unavailable: string }>;

export class SourceConnection implements vscode.Disposable {
  private source: LiveSource | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the settings or the key change what the source is. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionPath: string,
    readonly apiKey: PixieApiKey,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flamelens')) this.reset();
      }),
      apiKey.onDidChange(() => this.reset()),
    );
  }

  /** The live source, or why there is none. Never throws for configuration problems. */
  async current(): Promise<LiveSource | Unavailable> {
    if (this.source) return this.source;
    const setting = await liveSourceSetting(this.apiKey);
    if ('unavailable' in setting) return setting;
    this.source = sourcesModule(this.extensionPath).openLiveSource(setting.config);
    log().info(`source: ${this.source.label}`);
    return this.source;
  }

  private reset(): void {
    this.source?.dispose();
    this.source = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.source?.dispose();
    this.source = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

export function isUnavailable(x: LiveSource | Unavailable): x is Unavailable {
  return 'unavailable' in x;
}
