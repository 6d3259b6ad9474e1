// Hovers on lens lines: the numbers in full and a small latency chart over the window (an SVG picture).

import * as vscode from 'vscode';
import { findSeries, LatencySeries, LatencyTable } from '../../core/latency';
import { formatMs, latencyChartSvg } from '../../core/latencyChart';
import { defaultWindow } from '../sources/sourceSettings';
import type { LiveData } from './liveData';
import { percent, rate } from './lensText';
import type { FileLens, LensModel } from './lensModel';

export class InsightHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly model: LensModel,
    private readonly data: LiveData,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const lenses = (await this.model.lensesFor(document.uri.fsPath)).filter((l) => l.line === position.line);
    if (!lenses.length) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['flamelens.focusFunction', 'flamelens.showServiceLatency'] };
    for (const lens of lenses) appendLens(md, lens, this.data.latency);
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}

function appendLens(md: vscode.MarkdownString, lens: FileLens, table: LatencyTable | undefined): void {
  const window = defaultWindow().text;
  if (lens.kind === 'route') {
    const e = lens.endpoint;
    md.appendMarkdown(`**${lens.route.method} ${escape(lens.route.path)}**${e ? ` · ${escape(e.service)}` : ''} · last ${window}\n\n`);
    if (!e) {
      md.appendMarkdown(`No requests to this route were seen in the window.\n\n`);
      return;
    }
    md.appendMarkdown(
      `| p50 | p90 | p99 | req/s | errors | requests |\n|---:|---:|---:|---:|---:|---:|\n| ${formatMs(e.p50Ms)} | ${formatMs(e.p90Ms)} | ${formatMs(e.p99Ms)} | ${rate(e.requestsPerSecond).replace(' req/s', '')} | ${percent(e.errorRate)} | ${e.requestCount} |\n\n`,
    );
    appendChart(md, table && findSeries(table, e.service, e.method, e.path), `${e.method} ${e.path} latency`);
    if (lens.route.handlerName) md.appendMarkdown(`[Open the flamegraph at ${escape(lens.route.handlerName)}](${commandUri('flamelens.focusFunction', lens.route.handlerName)})\n\n`);
    return;
  }
  const c = lens.cost;
  md.appendMarkdown(`**${escape(c.name)}** in ${escape(c.service)} · last ${window}\n\n`);
  md.appendMarkdown(`${percent(c.totalShare)} of the service's CPU samples have it on the stack (${c.total} samples); ${percent(c.selfShare)} are in it directly (${c.self}).\n\n`);
  const service = table?.services.find((s) => s.service.endsWith(`/${c.service}`) || s.service === c.service);
  if (table && service) appendChart(md, findSeries(table, service.service), `${service.service} latency`);
  md.appendMarkdown(`[Open the flamegraph at this function](${commandUri('flamelens.focusFunction', c.name)})\n\n`);
}

function appendChart(md: vscode.MarkdownString, series: LatencySeries | undefined, title: string): void {
  if (!series || !series.points.length) return;
  const dark = vscode.window.activeColorTheme.kind !== vscode.ColorThemeKind.Light && vscode.window.activeColorTheme.kind !== vscode.ColorThemeKind.HighContrastLight;
  const svg = latencyChartSvg(series.points, title, { foreground: dark ? '#c9d1d9' : '#57606a', p50Color: dark ? '#31d0f3' : '#0969da', p99Color: dark ? '#f0883e' : '#bc4c00' });
  md.appendMarkdown(`![${escape(title)}](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})\n\n`);
}

function commandUri(command: string, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Frame and service names come from the cluster: shown as text, never as markdown. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
