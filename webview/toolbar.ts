// The toolbar (search, reset zoom, inverted, scope filters, refresh) and the summary line under it.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { ScopeFacets, ScopeFilter } from '../src/core/scope';
import { el } from './dom';
import { formatCount } from './format';
import type { ProfileSummary } from './protocol';
import { scopeOptions, TOOLBAR_SCOPES, ToolbarScope } from './scopeSelection';

export interface ToolbarEvents {
  search(term: string): void;
  resetZoom(): void;
  zoomToDepth(depth: number): void;
  inverted(on: boolean): void;
  scope(key: ToolbarScope, value: string): void;
  refresh(): void;
}

const SEARCH_DEBOUNCE_MS = 150;
const MAX_CRUMBS = 6;

export class Toolbar {
  readonly root = el('div', 'flame-toolbar');
  readonly summaryLine = el('div', 'flame-summary');
  private readonly search = document.createElement('vscode-textfield');
  private readonly searchResult = el('span', 'flame-search-result');
  private readonly reset = document.createElement('vscode-button');
  private readonly invert = document.createElement('vscode-checkbox');
  private readonly refresh = document.createElement('vscode-button');
  private readonly selects = {} as Record<ToolbarScope, VscodeSingleSelect>;
  private readonly summaryText = el('span', 'flame-summary-text');
  private readonly breadcrumb = el('nav', 'flame-breadcrumb');
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** While filling selects from a profile, their change events are ours, not the user's. */
  private settingScopes = false;

  constructor(private readonly events: ToolbarEvents) {
    this.search.placeholder = 'Search frames (/ to focus, /regex/)';
    this.search.label = 'Search frames';
    this.search.className = 'flame-search';
    this.search.addEventListener('input', () => this.scheduleSearch());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.flushSearch();
    });
    this.searchResult.setAttribute('aria-live', 'polite');

    this.reset.textContent = 'Reset zoom';
    this.reset.secondary = true;
    this.reset.title = 'Reset zoom (Esc)';
    this.reset.addEventListener('click', () => events.resetZoom());

    this.invert.label = 'Inverted';
    this.invert.title = 'Icicle view: roots at the top';
    this.invert.addEventListener('change', () => events.inverted(this.invert.checked));

    this.refresh.textContent = 'Refresh';
    this.refresh.secondary = true;
    this.refresh.title = 'Load the profile again';
    this.refresh.addEventListener('click', () => events.refresh());

    const searchGroup = el('div', 'flame-toolbar-group flame-search-group');
    searchGroup.append(this.search, this.searchResult);
    const scopeGroup = el('div', 'flame-toolbar-group flame-scope-group');
    for (const key of TOOLBAR_SCOPES) {
      const select = document.createElement('vscode-single-select');
      select.className = `flame-scope flame-scope-${key}`;
      select.title = `Filter by ${key}`;
      select.label = `Filter by ${key}`;
      select.hidden = true;
      select.addEventListener('change', () => {
        if (!this.settingScopes) events.scope(key, select.value);
      });
      this.selects[key] = select;
      scopeGroup.append(select);
    }
    const viewGroup = el('div', 'flame-toolbar-group');
    viewGroup.append(this.reset, this.invert, this.refresh);
    // Filters last: in a narrow panel they wrap to a row of their own.
    this.root.append(searchGroup, viewGroup, scopeGroup);
    this.root.setAttribute('role', 'toolbar');
    this.summaryLine.append(this.summaryText, this.breadcrumb);
  }

  focusSearch(): void {
    this.search.focus();
  }

  setSearch(term: string): void {
    if (this.search.value !== term) this.search.value = term;
  }

  setSearchResult(text: string, invalid = false): void {
    this.searchResult.textContent = text;
    this.searchResult.classList.toggle('invalid', invalid);
    this.search.invalid = invalid;
  }

  setInverted(on: boolean): void {
    this.invert.checked = on;
  }

  setScopes(facets: ScopeFacets, filters: ScopeFilter, totalSamples: number): void {
    this.settingScopes = true;
    try {
      for (const key of TOOLBAR_SCOPES) {
        const select = this.selects[key];
        const options = scopeOptions(key, facets[key] ?? [], filters[key], totalSamples);
        // A profile without Kubernetes context (a local folded file) has nothing to filter by.
        select.hidden = options.length <= 1;
        select.options = options.map((o) => ({ label: o.label, value: o.value, description: '', selected: o.selected, disabled: false }));
        select.value = filters[key] ?? '';
      }
    } finally {
      this.settingScopes = false;
    }
  }

  setSummary(summary: ProfileSummary | undefined): void {
    if (!summary) {
      this.summaryText.textContent = '';
      return;
    }
    const scoped =
      summary.scopedSamples === summary.totalSamples
        ? `${formatCount(summary.totalSamples)} samples`
        : `${formatCount(summary.scopedSamples)} of ${formatCount(summary.totalSamples)} samples`;
    const pruned = summary.prunedNodes > 0 ? ` (${formatCount(summary.prunedNodes)} too narrow to draw)` : '';
    this.summaryText.textContent = `${summary.title} · ${scoped} · ${formatCount(summary.nodeCount)} frames${pruned}`;
  }

  /** The zoom path as clickable steps back up; empty when not zoomed. */
  setZoomPath(path: readonly string[]): void {
    this.reset.disabled = path.length === 0;
    if (path.length === 0) {
      this.breadcrumb.replaceChildren();
      return;
    }
    const parts: Node[] = [this.crumb('all', 0)];
    // k8s frames alone are five levels deep: show the root and the last steps, the rest behind an ellipsis.
    const first = path.length > MAX_CRUMBS ? path.length - MAX_CRUMBS + 1 : 0;
    if (first > 0) {
      const skipped = el('span', 'flame-crumb-sep', '…');
      skipped.title = path.slice(0, first).join(' › ');
      parts.push(el('span', 'flame-crumb-sep', '›'), skipped);
    }
    for (let i = first; i < path.length; i++) {
      parts.push(el('span', 'flame-crumb-sep', '›'), this.crumb(path[i], i + 1, i === path.length - 1));
    }
    this.breadcrumb.replaceChildren(...parts);
  }

  private crumb(name: string, depth: number, current = false): HTMLElement {
    if (current) {
      const span = el('span', 'flame-crumb current', name);
      span.setAttribute('aria-current', 'location');
      return span;
    }
    const button = el('button', 'flame-crumb', name);
    button.type = 'button';
    button.title = `Zoom out to ${name}`;
    button.addEventListener('click', () => (depth === 0 ? this.events.resetZoom() : this.events.zoomToDepth(depth)));
    return button;
  }

  private scheduleSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.flushSearch(), SEARCH_DEBOUNCE_MS);
  }

  private flushSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    this.events.search(this.search.value);
  }
}
