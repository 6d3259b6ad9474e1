// "Flamelens: Show Service Latency": one webview listing services and endpoints with their latency and charts.

import * as vscode from 'vscode';
import type { LatencyTable } from '../../core/latency';
import type { LiveSource } from '../../sources/liveSource';
import type { LatencyHostToWebview, LatencyWebviewToHost } from '../../../webview/latencyProtocol';
import { cancellableLoad } from '../cancellableLoad';
import { WebviewChannel } from '../webviewChannel';
import { log } from '../log';
import type { TimeWindow } from '../pickers';
import { errorMessage, isCancellation, reportError } from '../userError';
import { latencyHtml, webviewOptions } from '../webviewHtml';

export const LATENCY_VIEW_TYPE = 'flamelens.latency';

export type LatencyRendered = Extract<LatencyWebviewToHost, { type: 'rendered' }>;

export class LatencyPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<LatencyRendered>();
  readonly onDidRender = this.renderedEmitter.event;
  table: LatencyTable | undefined;
  lastRendered: LatencyRendered | undefined;
  private disposed = false;
  private readonly channel: WebviewChannel<LatencyHostToWebview, LatencyWebviewToHost>;
  private loading: vscode.CancellationTokenSource | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private source: LiveSource,
    private window: TimeWindow,
    private readonly onDispose: () => void,
    private readonly onLoaded: (table: LatencyTable) => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    this.channel = new WebviewChannel<LatencyHostToWebview, LatencyWebviewToHost>(panel.webview, (msg) => this.onMessage(msg));
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      this.renderedEmitter,
    );
    panel.webview.html = latencyHtml(panel.webview, extensionUri);
  }

  async load(source: LiveSource, window: TimeWindow): Promise<boolean> {
    this.source = source;
    this.window = window;
    return this.refresh();
  }

  async refresh(): Promise<boolean> {
    const title = `${this.source.label} · ${this.window.text}`;
    this.panel.title = `Service Latency · ${this.window.text}`;
    this.loading?.cancel();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    const loading = this.post({ type: 'loading', message: `Running the latency script on ${title}…` });
    try {
      const table = await cancellableLoad(`Flamelens: service latency (${title})`, cts, ({ signal }) =>
        this.source.fetchLatency({ windowSeconds: this.window.seconds, signal }),
      );
      await loading;
      this.table = table;
      this.onLoaded(table);
      log().info(`latency: ${table.services.length} services, ${table.endpoints.length} endpoints from ${this.source.label}`);
      await this.post({ type: 'latency', title, table });
      return true;
    } catch (err) {
      if (this.channel.isClosed) {
        log().info(`latency from ${this.source.label}: cancelled (view closed)`);
      } else if (isCancellation(err)) {
        await this.post({ type: 'empty', message: 'Cancelled. Press Refresh to run the latency script again.' });
      } else if ((err as { kind?: string }).kind === 'empty') {
        await this.post({ type: 'empty', message: errorMessage(err) });
      } else {
        await this.post({ type: 'error', message: errorMessage(err) });
        void reportError('Service latency', err);
      }
      return false;
    } finally {
      if (this.loading === cts) this.loading = undefined;
      cts.dispose();
    }
  }

  private async onMessage(msg: LatencyWebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'rendered':
        this.lastRendered = msg;
        this.renderedEmitter.fire(msg);
        return;
      case 'openEndpoint':
        await vscode.commands.executeCommand('flamelens.openRoute', msg.method, msg.path, msg.service);
        return;
      case 'error':
        log().error(`latency webview: ${msg.message}`);
        return;
    }
  }

  /** What the view shows now: the last message sent to it. */
  get lastMessage(): LatencyHostToWebview | undefined {
    return this.channel.last;
  }

  private post(msg: LatencyHostToWebview): Promise<void> {
    return this.channel.post(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

export class LatencyPanels implements vscode.Disposable {
  current: LatencyPanel | undefined;
  private readonly openedEmitter = new vscode.EventEmitter<LatencyPanel>();
  readonly onDidOpen = this.openedEmitter.event;
  private readonly loadedEmitter = new vscode.EventEmitter<LatencyTable>();
  readonly onDidLoadTable = this.loadedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  async show(source: LiveSource, window: TimeWindow): Promise<boolean> {
    if (!this.current) {
      const panel = vscode.window.createWebviewPanel(LATENCY_VIEW_TYPE, 'Service Latency', vscode.ViewColumn.Active, {});
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flame.svg');
      this.current = new LatencyPanel(panel, this.extensionUri, source, window, () => (this.current = undefined), (t) => this.loadedEmitter.fire(t));
      this.openedEmitter.fire(this.current);
    } else {
      this.current.panel.reveal();
    }
    return this.current.load(source, window);
  }

  dispose(): void {
    this.current?.dispose();
    this.openedEmitter.dispose();
    this.loadedEmitter.dispose();
  }
}
