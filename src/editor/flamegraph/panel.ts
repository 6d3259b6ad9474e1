// One flamegraph webview: loads a profile (with progress and cancel), applies the scope filters, talks to the webview.

import * as vscode from 'vscode';
import type { Profile } from '../../core/profile';
import type { ScopeFilter } from '../../core/scope';
import type { FlamegraphViewState, HostToWebview, WebviewToHost } from '../../../webview/protocol';
import { cancellableLoad } from '../cancellableLoad';
import { WebviewChannel } from '../webviewChannel';
import { log } from '../log';
import { errorMessage, isCancellation, reportError } from '../userError';
import { flamegraphHtml, webviewOptions } from '../webviewHtml';
import type { ProfileRequest } from './profileRequest';

function dropEmpty(filters: ScopeFilter): ScopeFilter {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as ScopeFilter;
}

export type RenderedReport = Extract<WebviewToHost, { type: 'rendered' }>;

export class FlamegraphPanel implements vscode.Disposable {
  private profile: Profile | undefined;
  private request: ProfileRequest | undefined;
  private state: FlamegraphViewState;
  private loading: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedReport>();
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  private readonly loadedEmitter = new vscode.EventEmitter<Profile>();
  /** Fires when a profile has been loaded (CodeLens and hovers use the latest). */
  readonly onDidLoadProfile = this.loadedEmitter.event;
  /** Fires each time the webview reports a finished draw. */
  readonly onDidRender = this.renderedEmitter.event;
  readonly onDidDispose = this.disposedEmitter.event;
  lastRendered: RenderedReport | undefined;
  /** What the host last sent to draw (the webview's `rendered` report should agree). */
  lastView: { scopedSamples: number; nodeCount: number; totalSamples: number } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    restored?: FlamegraphViewState,
  ) {
    this.state = restored ?? { filters: {}, search: '', zoomPath: [], inverted: false };
    panel.webview.options = webviewOptions(extensionUri);
    // A restarted page gets the view redrawn with the state it had (filters, zoom, search).
    this.channel = new WebviewChannel<HostToWebview, WebviewToHost>(panel.webview, (msg) => this.onMessage(msg), () => this.resend());
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      this.renderedEmitter,
      this.disposedEmitter,
      this.loadedEmitter,
    );
    // The HTML goes last: the listener must exist before the webview can post `ready`.
    panel.webview.html = flamegraphHtml(panel.webview, extensionUri);
  }

  get filters(): ScopeFilter {
    return this.state.filters;
  }

  get currentProfile(): Profile | undefined {
    return this.profile;
  }

  /** Loads the request's profile and shows it; a previous load still running is cancelled. */
  async show(request: ProfileRequest, filters?: ScopeFilter): Promise<boolean> {
    this.request = request;
    this.panel.title = request.title;
    this.state = { ...this.state, source: request.ref, ...(filters ? { filters: dropEmpty(filters), zoomPath: [] } : {}) };
    this.loading?.cancel();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    const loading = this.post({ type: 'loading', message: `Loading ${request.title}…` });
    try {
      const profile = await cancellableLoad(`Flamelens: ${request.title}`, cts, (p) => request.load(p));
      await loading;
      this.profile = profile;
      this.loadedEmitter.fire(profile);
      log().info(`${request.title}: ${profile.totalSamples} samples, ${profile.stacks.length} unique stacks (${profile.format})`);
      await this.render(this.state);
      return true;
    } catch (err) {
      if (this.channel.isClosed) {
        // The user closed the view while it loaded: the load was cancelled, nothing to report.
        log().info(`${request.title}: cancelled (view closed)`);
      } else if (isCancellation(err)) {
        await this.post({ type: this.profile ? 'error' : 'empty', message: `Loading ${request.title} was cancelled.` });
        log().info(`${request.title}: cancelled`);
      } else {
        await this.post({ type: 'error', message: errorMessage(err) });
        void reportError(`Cannot show ${request.title}`, err);
      }
      return false;
    } finally {
      if (this.loading === cts) this.loading = undefined;
      cts.dispose();
    }
  }

  /** Runs the current request again (the Refresh button and command). */
  async refresh(): Promise<boolean> {
    return this.request ? this.show(this.request) : false;
  }

  /** Shows a message instead of a graph (nothing to load, e.g. a restored panel whose file is gone). */
  async showMessage(type: 'empty' | 'error', message: string): Promise<void> {
    await this.post({ type, message });
  }

  async setFilters(filters: ScopeFilter): Promise<void> {
    this.state = { ...this.state, filters, zoomPath: [] };
    await this.render();
  }

  async focusFunction(name: string): Promise<void> {
    this.panel.reveal();
    await this.post({ type: 'focusFunction', name });
  }

  /** Sends the filtered, pruned tree; `state` is included to restore zoom/search after a reload. */
  private async render(state?: FlamegraphViewState): Promise<void> {
    const profile = this.profile;
    if (!profile) return;
    if (profile.totalSamples === 0) {
      await this.post({ type: 'empty', message: `${this.request?.title ?? 'This profile'} has no samples.` });
      return;
    }
    // Loaded on first draw, not at activation: the model and its pruning are only needed once a profile is open.
    const { buildFlameView } = await import('../../core/flameView');
    const view = buildFlameView(profile, this.state.filters);
    this.lastView = { scopedSamples: view.scopedSamples, nodeCount: view.nodeCount, totalSamples: view.totalSamples };
    await this.post({
      type: 'profile',
      tree: view.tree,
      facets: view.facets,
      filters: this.state.filters,
      state,
      summary: {
        title: this.request?.title ?? 'Profile',
        totalSamples: view.totalSamples,
        scopedSamples: view.scopedSamples,
        nodeCount: view.nodeCount,
        prunedNodes: view.prunedNodes,
        sampleIntervalMs: profile.sampleIntervalMs,
      },
    });
  }

  private async onMessage(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return;
      case 'setFilters':
        await this.setFilters(msg.filters);
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'rendered':
        this.lastRendered = msg;
        log().debug(`drawn: root ${msg.rootValue} samples, ${msg.nodeCount} nodes in ${Math.round(msg.drawMs)} ms`);
        this.renderedEmitter.fire(msg);
        return;
      case 'stateChanged':
        // Filters are the host's: the webview asks for them with setFilters, and a state report
        // racing a newer setFilters/show must not bring old filters back.
        this.state = { ...msg.state, source: this.state.source, filters: this.state.filters };
        return;
      case 'openFrame':
        await vscode.commands.executeCommand('flamelens.openFrame', msg.name, msg.kind);
        return;
      case 'error':
        log().error(`webview: ${msg.message}`);
        return;
    }
  }

  /** What the view shows now: the last message sent to it. */
  get lastMessage(): HostToWebview | undefined {
    return this.channel.last;
  }

  private post(msg: HostToWebview): Promise<void> {
    return this.channel.post(msg);
  }

  private disposed = false;
  private readonly channel: WebviewChannel<HostToWebview, WebviewToHost>;

  private async resend(): Promise<void> {
    if (this.profile) await this.render(this.state);
    else await this.channel.resendLast();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.cancel();
    this.disposedEmitter.fire();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
