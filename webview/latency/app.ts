// The service latency view: header with Refresh, the services/endpoints table, and the chart of the selected row.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { LatencyTable } from '../../src/core/latency';
import { findSeries } from '../../src/core/latency';
import type { LatencyHostToWebview } from '../latencyProtocol';
import { LatencyChartView } from './chartView';
import { el } from './dom';
import { formatWindow } from './format';
import type { LatencyHost } from './hostChannel';
import { buildServiceRows, EndpointRow, LatencyRow, nextSort, rowLabel, ServiceRow, SortColumn } from './latencyRows';
import { TableEvents, LatencyTableView } from './tableView';
import { LatencyViewState, pruneCollapsed, resolveSelection, sameSelection, selectionOf } from './viewState';

type Phase = 'waiting' | 'loading' | 'latency' | 'empty' | 'error';

export class LatencyApp {
  private readonly heading = el('h1', 'lat-heading', 'Service latency');
  private readonly summary = el('span', 'lat-summary');
  private readonly refresh = document.createElement('vscode-button');
  private readonly progress = document.createElement('vscode-progress-bar');
  private readonly status = el('div', 'lat-status');
  private readonly body = el('div', 'lat-body');
  private readonly tableView: LatencyTableView;
  private readonly chart = new LatencyChartView();
  private state: LatencyViewState;
  private table: LatencyTable | undefined;
  private title = '';
  private rows: ServiceRow[] = [];
  private selected: LatencyRow | undefined;
  private phase: Phase = 'waiting';

  constructor(root: HTMLElement, private readonly host: LatencyHost) {
    this.state = host.savedState();
    const events: TableEvents = {
      select: (row) => this.select(row, true),
      sort: (column) => this.sortBy(column),
      toggle: (service) => this.toggle(service),
      open: (row) => this.open(row),
    };
    this.tableView = new LatencyTableView(events);

    const header = el('header', 'lat-header');
    const titles = el('div', 'lat-titles');
    titles.append(this.heading, this.summary);
    this.refresh.textContent = 'Refresh';
    this.refresh.secondary = true;
    this.refresh.title = 'Run the latency script again';
    this.refresh.addEventListener('click', () => this.host.post({ type: 'refresh' }));
    header.append(titles, this.refresh);
    this.progress.className = 'lat-progress';
    this.progress.ariaLabel = 'Loading latency';
    this.progress.hidden = true;
    this.status.setAttribute('role', 'status');
    this.body.append(this.tableView.root, this.chart.root);
    this.body.hidden = true;
    root.append(header, this.progress, this.status, this.body);
    this.setStatus('Waiting for latency data…', 'info');
  }

  handle(message: LatencyHostToWebview): void {
    switch (message.type) {
      case 'loading':
        this.phase = 'loading';
        this.progress.hidden = false;
        this.refresh.disabled = true;
        // A refresh keeps the old numbers on screen, dimmed, until the new ones arrive.
        this.body.classList.toggle('stale', !!this.table);
        this.setStatus(message.message, 'info', !this.table);
        if (!this.table) this.body.hidden = true;
        return;
      case 'latency':
        this.phase = 'latency';
        this.table = message.table;
        this.title = message.title;
        this.state.collapsed = pruneCollapsed(message.table, this.state.collapsed);
        this.endLoading();
        this.setStatus('', 'info', false);
        this.body.hidden = false;
        this.drawAll();
        return;
      case 'empty':
      case 'error':
        this.phase = message.type;
        this.table = undefined;
        this.selected = undefined;
        this.endLoading();
        this.body.hidden = true;
        this.chart.clear();
        this.summary.textContent = '';
        this.setStatus(message.message, message.type === 'error' ? 'error' : 'info');
        this.host.post({ type: 'rendered', services: 0, endpoints: 0, charts: 0 });
        return;
    }
  }

  private endLoading(): void {
    this.progress.hidden = true;
    this.refresh.disabled = false;
    this.body.classList.remove('stale');
  }

  private setStatus(text: string, kind: 'info' | 'error', visible = text !== ''): void {
    this.status.textContent = text;
    this.status.className = `lat-status lat-status-${kind}`;
    this.status.hidden = !visible;
  }

  private drawAll(): void {
    const table = this.table;
    if (!table) return;
    this.rows = buildServiceRows(table, this.state.sort);
    const resolved = resolveSelection(this.rows, this.state);
    this.selected = resolved?.row;
    if (resolved) this.state.collapsed = resolved.collapsed;
    const endpointTotal = this.rows.reduce((n, s) => n + s.endpoints.length, 0);
    this.summary.textContent = [
      `${this.rows.length} service${this.rows.length === 1 ? '' : 's'}`,
      `${endpointTotal} endpoint${endpointTotal === 1 ? '' : 's'}`,
      `last ${formatWindow(table.windowSeconds)} in ${formatWindow(table.binSeconds)} bins`,
      this.title,
    ]
      .filter(Boolean)
      .join(' · ');
    const drawn = this.tableView.draw(this.rows, this.state.sort, new Set(this.state.collapsed), this.selected?.key);
    const charts = this.drawChart() ? 1 : 0;
    this.save();
    this.host.post({ type: 'rendered', services: drawn.services, endpoints: drawn.endpoints, charts });
  }

  private drawChart(): boolean {
    const table = this.table;
    const row = this.selected;
    if (!table || !row) {
      this.chart.clear();
      return false;
    }
    const series = row.kind === 'endpoint' ? findSeries(table, row.service, row.method, row.path) : findSeries(table, row.service);
    return this.chart.show(rowLabel(row), row.kind === 'endpoint' ? row.service : 'all endpoints', series, table.binSeconds);
  }

  private select(row: LatencyRow, focus: boolean): void {
    if (!this.table) return;
    if (!sameSelection(selectionOf(row), this.selected && selectionOf(this.selected))) {
      this.selected = row;
      this.state.selected = selectionOf(row);
      this.drawChart();
      this.save();
    }
    this.tableView.setSelected(row.key, focus);
  }

  private sortBy(column: SortColumn): void {
    this.state.sort = nextSort(this.state.sort, column);
    this.drawAll();
  }

  private toggle(service: string): void {
    const collapsed = new Set(this.state.collapsed);
    if (collapsed.has(service)) collapsed.delete(service);
    else {
      collapsed.add(service);
      // Hiding the selected endpoint selects its service instead of leaving the chart on an invisible row.
      if (this.selected?.kind === 'endpoint' && this.selected.service === service) this.state.selected = { service };
    }
    this.state.collapsed = [...collapsed];
    this.drawAll();
  }

  private open(row: EndpointRow): void {
    this.select(row, false);
    this.host.post({ type: 'openEndpoint', service: row.service, method: row.method, path: row.path });
  }

  private save(): void {
    if (this.selected) this.state.selected = selectionOf(this.selected);
    this.host.saveState(this.state);
  }
}
