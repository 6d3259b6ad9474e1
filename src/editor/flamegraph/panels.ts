// Keeps track of open flamegraph panels: the one Show Flamegraph reuses, and the active one for Refresh.

import * as vscode from 'vscode';
import type { Profile } from '../../core/profile';
import type { FlamegraphViewState } from '../../../webview/protocol';
import { FlamegraphPanel, RenderedReport } from './panel';

export const FLAMEGRAPH_VIEW_TYPE = 'flamelens.flamegraph';

export class FlamegraphPanels implements vscode.Disposable {
  private readonly all = new Set<FlamegraphPanel>();
  private live: FlamegraphPanel | undefined;
  private active: FlamegraphPanel | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<{ panel: FlamegraphPanel; report: RenderedReport }>();
  private readonly openedEmitter = new vscode.EventEmitter<FlamegraphPanel>();
  private readonly loadedEmitter = new vscode.EventEmitter<Profile>();
  /** The latest profile any panel loaded. */
  readonly onDidLoadProfile = this.loadedEmitter.event;
  latestProfile: Profile | undefined;
  readonly onDidRender = this.renderedEmitter.event;
  readonly onDidOpen = this.openedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The panel Show Flamegraph draws into, created (or revealed) on demand. */
  livePanel(): FlamegraphPanel {
    if (this.live) {
      this.live.panel.reveal(undefined, false);
      return this.live;
    }
    const panel = vscode.window.createWebviewPanel(FLAMEGRAPH_VIEW_TYPE, 'Flamegraph', vscode.ViewColumn.Active, {
      retainContextWhenHidden: false,
      enableFindWidget: false,
    });
    this.live = this.adopt(panel);
    return this.live;
  }

  /** Wraps a webview panel VS Code made (custom editor, restored after reload). */
  adopt(panel: vscode.WebviewPanel, restored?: FlamegraphViewState): FlamegraphPanel {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flame.svg');
    const fp = new FlamegraphPanel(panel, this.extensionUri, restored);
    this.all.add(fp);
    this.active = fp;
    fp.onDidRender((report) => this.renderedEmitter.fire({ panel: fp, report }));
    fp.onDidLoadProfile((profile) => {
      this.latestProfile = profile;
      this.loadedEmitter.fire(profile);
    });
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = fp;
    });
    fp.onDidDispose(() => {
      this.all.delete(fp);
      if (this.live === fp) this.live = undefined;
      if (this.active === fp) this.active = undefined;
    });
    if (restored?.source?.kind === 'live') this.live = fp;
    this.openedEmitter.fire(fp);
    return fp;
  }

  /** Namespaces seen in the live panel's profile: the scope picker's list when no API server can be asked. */
  knownNamespaces(): string[] {
    const profile = this.live?.currentProfile;
    if (!profile) return [];
    const names = new Set<string>();
    for (const s of profile.stacks) if (s.ctx?.namespace) names.add(s.ctx.namespace);
    return [...names].sort();
  }

  /** The panel whose profile is the latest loaded: where a CodeLens click focuses. */
  panelWithProfile(): FlamegraphPanel | undefined {
    const withProfile = [...this.all].filter((p) => p.currentProfile);
    return withProfile.find((p) => p.currentProfile === this.latestProfile) ?? withProfile[0];
  }

  get activePanel(): FlamegraphPanel | undefined {
    return this.active ?? this.live;
  }

  get panels(): FlamegraphPanel[] {
    return [...this.all];
  }

  dispose(): void {
    for (const p of this.all) p.dispose();
    this.renderedEmitter.dispose();
    this.openedEmitter.dispose();
    this.loadedEmitter.dispose();
  }
}
