// The services/endpoints table: sortable headers, expandable services, p99 bars scaled to the slowest, keyboard navigation.

import type { LatencyStats } from '../../src/core/latency';
import { el } from './dom';
import { formatDuration, formatErrorRate, formatRate } from './format';
import { EndpointRow, LatencyRow, maxP99, ServiceRow, SortColumn, SortOrder, visibleRows } from './latencyRows';
import { barFraction, ELEVATED_P99_MS, errorLevel, HIGH_ERROR_RATE, latencyLevel, SLOW_P99_MS } from './slowness';

export interface TableEvents {
  select(row: LatencyRow): void;
  sort(column: SortColumn): void;
  toggle(service: string): void;
  open(row: EndpointRow): void;
}

const COLUMNS: { column: SortColumn; label: string; title: string; numeric: boolean }[] = [
  { column: 'name', label: 'Service / endpoint', title: 'Sort by name', numeric: false },
  { column: 'p50', label: 'p50', title: 'Median latency over the window', numeric: true },
  { column: 'p90', label: 'p90', title: '90th percentile latency', numeric: true },
  { column: 'p99', label: 'p99', title: '99th percentile latency; the bar compares it with the slowest p99 here', numeric: true },
  { column: 'rps', label: 'req/s', title: 'Requests per second over the window', numeric: true },
  { column: 'errors', label: 'errors', title: 'Share of responses with HTTP status 400 or above', numeric: true },
];

export class LatencyTableView {
  readonly root = el('div', 'lat-table-wrap');
  private readonly table = el('table', 'lat-table');
  private readonly columns = el('colgroup');
  private readonly head = el('thead');
  private readonly body = el('tbody');
  private rows: LatencyRow[] = [];
  private rowElements = new Map<string, HTMLTableRowElement>();
  private selectedKey: string | undefined;

  constructor(private readonly events: TableEvents) {
    this.table.setAttribute('role', 'treegrid');
    this.table.setAttribute('aria-label', 'Service latency');
    // Fixed column widths (table-layout: fixed in CSS): a thousand rows lay out without measuring every cell.
    for (const c of [...COLUMNS.map((x) => x.column), 'actions']) this.columns.append(el('col', `lat-col-${c}`));
    this.table.append(this.columns, this.head, this.body);
    this.root.append(this.table);
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Rebuilds the rows; returns how many services and endpoints were drawn. */
  draw(services: readonly ServiceRow[], sort: SortOrder, collapsed: ReadonlySet<string>, selectedKey: string | undefined): { services: number; endpoints: number } {
    // Sorting or expanding by keyboard rebuilds the rows: keep the keyboard where it was.
    const hadFocus = this.body.contains(document.activeElement);
    this.drawHead(sort);
    const max = maxP99(services);
    this.rows = visibleRows(services, collapsed);
    this.rowElements = new Map();
    const trs = this.rows.map((row) => {
      const tr = row.kind === 'service' ? this.serviceRow(row, collapsed.has(row.service), max) : this.endpointRow(row, max);
      this.rowElements.set(row.key, tr);
      return tr;
    });
    this.body.replaceChildren(...trs);
    this.selectedKey = undefined;
    this.setSelected(selectedKey, hadFocus);
    return { services: services.length, endpoints: this.rows.filter((r) => r.kind === 'endpoint').length };
  }

  setSelected(key: string | undefined, focus: boolean): void {
    if (this.selectedKey !== undefined) {
      const old = this.rowElements.get(this.selectedKey);
      old?.classList.remove('selected');
      old?.setAttribute('aria-selected', 'false');
      old?.setAttribute('tabindex', '-1');
    }
    this.selectedKey = key;
    const tr = key === undefined ? undefined : this.rowElements.get(key);
    if (!tr) return;
    tr.classList.add('selected');
    tr.setAttribute('aria-selected', 'true');
    tr.setAttribute('tabindex', '0');
    if (focus) tr.focus();
    tr.scrollIntoView({ block: 'nearest' });
  }

  private drawHead(sort: SortOrder): void {
    const tr = el('tr');
    for (const c of COLUMNS) {
      const th = el('th', `${c.numeric ? 'num' : 'name'} ${c.column}`);
      th.setAttribute('scope', 'col');
      const sorted = sort.column === c.column;
      th.setAttribute('aria-sort', sorted ? (sort.descending ? 'descending' : 'ascending') : 'none');
      const button = el('button', 'lat-sort', c.label);
      button.type = 'button';
      button.title = `${c.title}. Click to sort.`;
      if (sorted) {
        th.classList.add('sorted');
        button.append(el('span', 'lat-sort-mark', sort.descending ? ' ▼' : ' ▲'));
      }
      button.addEventListener('click', () => this.events.sort(c.column));
      th.append(button);
      tr.append(th);
    }
    const actions = el('th', 'actions');
    actions.append(el('span', 'lat-visually-hidden', 'Actions'));
    tr.append(actions);
    this.head.replaceChildren(tr);
  }

  private serviceRow(row: ServiceRow, collapsed: boolean, max: number): HTMLTableRowElement {
    const tr = this.baseRow(row, 1);
    tr.setAttribute('aria-expanded', String(!collapsed));
    const name = el('td', 'name');
    const toggle = el('button', 'lat-toggle', collapsed ? '▸' : '▾');
    toggle.type = 'button';
    toggle.tabIndex = -1;
    toggle.title = collapsed ? 'Show endpoints' : 'Hide endpoints';
    toggle.setAttribute('aria-label', toggle.title);
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      this.events.toggle(row.service);
    });
    const label = el('span', 'lat-service', row.service);
    label.title = row.service;
    const count = el('span', 'lat-count', `${row.endpoints.length} endpoint${row.endpoints.length === 1 ? '' : 's'}`);
    name.append(toggle, label, count);
    tr.append(name, ...this.statCells(row.stats, max), el('td', 'actions'));
    tr.addEventListener('dblclick', () => this.events.toggle(row.service));
    return tr;
  }

  private endpointRow(row: EndpointRow, max: number): HTMLTableRowElement {
    const tr = this.baseRow(row, 2);
    const name = el('td', 'name');
    const method = el('span', `lat-method lat-method-${/^[A-Z]+$/.test(row.method) ? row.method.toLowerCase() : 'other'}`, row.method);
    const path = el('span', 'lat-path', row.path);
    path.title = `${row.method} ${row.path} (${row.service}). Double-click or Enter: open its handler.`;
    name.append(method, path);
    const actions = el('td', 'actions');
    const open = el('button', 'lat-open', 'Open handler');
    open.type = 'button';
    open.tabIndex = -1;
    open.title = `Go to the route handler of ${row.method} ${row.path} (Enter)`;
    open.addEventListener('click', (e) => {
      e.stopPropagation();
      this.events.open(row);
    });
    actions.append(open);
    tr.append(name, ...this.statCells(row.stats, max), actions);
    tr.addEventListener('dblclick', () => this.events.open(row));
    return tr;
  }

  private baseRow(row: LatencyRow, level: number): HTMLTableRowElement {
    const tr = el('tr', `lat-row lat-${row.kind}`);
    tr.setAttribute('aria-level', String(level));
    tr.setAttribute('aria-selected', 'false');
    tr.tabIndex = -1;
    tr.addEventListener('click', () => this.events.select(row));
    // A double-click opens or toggles; it should not also select a word of the row's text.
    tr.addEventListener('mousedown', (e) => {
      if (e.detail > 1) e.preventDefault();
    });
    return tr;
  }

  private statCells(stats: LatencyStats | undefined, max: number): HTMLTableCellElement[] {
    if (!stats) return ['p50', 'p90', 'p99', 'rps', 'errors'].map(() => el('td', 'num missing', '–'));
    const p99 = el('td', `num p99 lat-${latencyLevel(stats.p99Ms)}`);
    const bar = el('span', 'lat-bar');
    const fill = el('span', 'lat-bar-fill');
    // CSSOM, not a style attribute: the CSP forbids inline styles in markup.
    fill.style.width = `${(barFraction(stats.p99Ms, max) * 100).toFixed(1)}%`;
    bar.append(fill);
    const inner = el('div', 'lat-p99-cell');
    inner.append(bar, el('span', 'lat-value', formatDuration(stats.p99Ms)));
    p99.append(inner);
    const level = latencyLevel(stats.p99Ms);
    if (level !== 'ok') p99.title = level === 'slow' ? `Slow: p99 of ${SLOW_P99_MS / 1000} s or more` : `p99 above ${ELEVATED_P99_MS} ms`;
    const errors = el('td', `num errors lat-errors-${errorLevel(stats.errorRate)}`, formatErrorRate(stats.errorRate));
    if (errorLevel(stats.errorRate) === 'high') errors.title = `More than ${HIGH_ERROR_RATE * 100}% of responses failed`;
    return [
      el('td', `num p50 lat-${latencyLevel(stats.p50Ms)}`, formatDuration(stats.p50Ms)),
      el('td', `num p90 lat-${latencyLevel(stats.p90Ms)}`, formatDuration(stats.p90Ms)),
      p99,
      el('td', 'num rps', formatRate(stats.requestsPerSecond)),
      errors,
    ];
  }

  private onKey(e: KeyboardEvent): void {
    const index = this.rows.findIndex((r) => r.key === this.selectedKey);
    const row = this.rows[index];
    if (!row) return;
    const moveTo = (i: number) => {
      const target = this.rows[Math.max(0, Math.min(this.rows.length - 1, i))];
      if (target && target.key !== row.key) this.events.select(target);
    };
    switch (e.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(this.rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.kind === 'service' && this.rowElements.get(row.key)?.getAttribute('aria-expanded') === 'false') this.events.toggle(row.service);
        else moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.kind === 'service') {
          if (this.rowElements.get(row.key)?.getAttribute('aria-expanded') === 'true') this.events.toggle(row.service);
        } else {
          const parent = this.rows.findIndex((r) => r.kind === 'service' && r.service === row.service);
          moveTo(parent);
        }
        break;
      case 'Enter':
        if (row.kind === 'endpoint') this.events.open(row);
        else this.events.toggle(row.service);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
