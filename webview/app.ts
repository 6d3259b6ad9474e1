// The flamegraph view: reacts to host messages, keeps the view state, and wires toolbar, chart, tooltip and menu together.

import type { FlameNode } from '../src/core/flameTree';
import { countNodes } from '../src/core/flameTree';
import type { ScopeFacets } from '../src/core/scope';
import { el } from './dom';
import { FlameChart, Frame } from './flameChart';
import { canOpenSource, frameDetails } from './frameDetails';
import { FrameMenu } from './frameMenu';
import { frameFill, ThemeKind } from './framePalette';
import { formatSearchSummary } from './format';
import type { HostChannel } from './hostChannel';
import type { FlamegraphViewState, HostToWebview, ProfileSummary } from './protocol';
import { CompiledSearch, compileSearch, searchStats } from './search';
import { withScopeChoice } from './scopeSelection';
import { StatusPanel } from './statusPanel';
import { Toolbar } from './toolbar';
import { FrameTooltip } from './tooltip';
import { defaultViewState } from './viewState';
import { findByPath, widestByName } from './zoomPath';

interface Shown {
  tree: FlameNode;
  summary: ProfileSummary;
  facets: ScopeFacets;
  nodeCount: number;
}

export class FlamegraphApp {
  private state: FlamegraphViewState;
  private shown: Shown | undefined;
  private search: CompiledSearch = { kind: 'none' };
  private pendingFocus: string | undefined;
  private readonly toolbar: Toolbar;
  private readonly chart: FlameChart;
  private readonly status: StatusPanel;
  private readonly menu = new FrameMenu();
  private readonly notice = el('div', 'flame-notice');
  private readonly graph: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly host: HostChannel,
    private theme: ThemeKind,
  ) {
    this.state = host.savedState() ?? defaultViewState();
    this.toolbar = new Toolbar({
      search: (term) => this.onSearch(term),
      resetZoom: () => this.chart.resetZoom(),
      zoomToDepth: (depth) => this.chart.zoomToPath(this.state.zoomPath.slice(0, depth)),
      inverted: (on) => this.onInverted(on),
      scope: (key, value) => {
        const filters = withScopeChoice(this.state.filters, key, value);
        this.updateState({ filters, zoomPath: [] });
        this.host.post({ type: 'setFilters', filters });
      },
      refresh: () => this.host.post({ type: 'refresh' }),
    });
    const tooltip = new FrameTooltip(
      (node) => frameDetails(node, this.shown?.tree.value ?? node.value, this.shown?.summary.sampleIntervalMs),
      (node) => frameFill(node.kind, node.name, this.theme),
      (node) =>
        canOpenSource(node.kind)
          ? 'Click to zoom · Ctrl/Cmd+click: go to source · Right-click: more'
          : 'Click to zoom · Right-click: more',
    );
    const graph = (this.graph = el('div', 'flame-graph'));
    graph.setAttribute('aria-label', 'Flamegraph');
    this.chart = new FlameChart(graph, tooltip, {
      zoomed: (frame) => this.onZoomed(frame),
      openFrame: (frame) => this.openFrame(frame.data),
      contextMenu: (frame, x, y) => this.openMenu(frame, x, y),
    });
    this.status = new StatusPanel(() => this.host.post({ type: 'refresh' }));
    this.notice.hidden = true;
    this.notice.setAttribute('role', 'status');
    root.replaceChildren(this.toolbar.root, this.toolbar.summaryLine, this.notice, this.status.root, graph);

    this.toolbar.setSearch(this.state.search);
    this.toolbar.setInverted(this.state.inverted);
    this.toolbar.setZoomPath([]);
    this.search = compileSearch(this.state.search);
    this.graph.hidden = true;
    this.status.show('loading', 'Waiting for the profile…');
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'profile':
        this.showProfile(message);
        return;
      case 'loading':
      case 'empty':
      case 'error':
        this.showStatus(message.type, message.message);
        return;
      case 'focusFunction':
        this.focusFunction(message.name);
        return;
    }
  }

  setTheme(theme: ThemeKind): void {
    this.theme = theme;
    this.chart.setTheme(theme);
  }

  private showProfile(message: Extract<HostToWebview, { type: 'profile' }>): void {
    const started = performance.now();
    const state: FlamegraphViewState = message.state
      ? { ...message.state, filters: message.filters }
      : { ...this.state, filters: message.filters };
    this.state = state;
    this.search = compileSearch(state.search);
    this.toolbar.setSearch(state.search);
    this.toolbar.setInverted(state.inverted);
    this.toolbar.setScopes(message.facets, message.filters, message.summary.totalSamples);
    this.toolbar.setSummary(message.summary);
    this.status.hide();
    this.graph.hidden = false;
    this.setNotice(undefined);

    const nodeCount = countNodes(message.tree);
    if (!(message.tree.value > 0)) {
      // Filters can narrow a profile to nothing; the toolbar stays so they can be widened again.
      this.showStatus('empty', 'No samples match these filters. Choose another namespace, pod or container.');
      this.host.post({ type: 'rendered', rootValue: 0, nodeCount, drawMs: Math.round(performance.now() - started) });
      return;
    }
    this.shown = { tree: message.tree, summary: message.summary, facets: message.facets, nodeCount };
    const zoomPath = this.chart.draw(message.tree, {
      inverted: state.inverted,
      match: this.search.kind === 'ok' ? this.search.match : undefined,
      zoomPath: state.zoomPath,
      theme: this.theme,
    });
    this.toolbar.setZoomPath(zoomPath);
    this.updateState({ zoomPath });
    this.showSearchResult();
    if (this.pendingFocus !== undefined) {
      const name = this.pendingFocus;
      this.pendingFocus = undefined;
      this.focusFunction(name);
    }
    this.reportDrawn(started);
  }

  private showStatus(kind: 'loading' | 'empty' | 'error', message: string): void {
    // No stale graph under a message: the old data no longer describes what was asked for.
    this.chart.clear();
    this.menu.close();
    this.shown = undefined;
    this.toolbar.setSummary(undefined);
    this.toolbar.setZoomPath([]);
    this.setNotice(undefined);
    this.showSearchResult();
    this.graph.hidden = true;
    this.status.show(kind, message);
  }

  private onSearch(term: string): void {
    if (term === this.state.search) return;
    const started = performance.now();
    this.search = compileSearch(term);
    this.updateState({ search: term });
    if (this.search.kind === 'invalid') {
      this.showSearchResult();
      return;
    }
    this.chart.setMatch(this.search.kind === 'ok' ? this.search.match : undefined);
    this.showSearchResult();
    if (this.shown) this.reportDrawn(started);
  }

  private showSearchResult(): void {
    if (this.search.kind === 'invalid') {
      this.toolbar.setSearchResult(this.search.message, true);
    } else if (this.search.kind === 'ok' && this.shown) {
      const stats = searchStats(this.shown.tree, this.search.match);
      this.toolbar.setSearchResult(formatSearchSummary(stats.matches, stats.percent));
    } else {
      this.toolbar.setSearchResult('');
    }
  }

  private onInverted(on: boolean): void {
    if (on === this.state.inverted) return;
    const started = performance.now();
    this.updateState({ inverted: on });
    this.chart.setInverted(on);
    if (this.shown) this.reportDrawn(started);
  }

  private onZoomed(frame: Frame): void {
    const zoomPath = FlameChart.zoomPathOf(frame);
    this.toolbar.setZoomPath(zoomPath);
    if (zoomPath.length === 0) this.chart.setFocused(undefined);
    this.updateState({ zoomPath });
  }

  private focusFunction(name: string): void {
    if (!this.shown) {
      this.pendingFocus = name;
      return;
    }
    const path = widestByName(this.shown.tree, name);
    if (!path) {
      this.setNotice(`No frame named “${name}” in this view. Try clearing the filters.`);
      return;
    }
    this.setNotice(undefined);
    const frame = this.chart.zoomToPath(path);
    this.chart.setFocused(findByPath(this.shown.tree, path).node);
    if (frame) this.chart.reveal(frame);
  }

  private openFrame(node: FlameNode): void {
    if (!canOpenSource(node.kind)) {
      this.setNotice(`“${node.name}” is ${node.kind === 'k8s' ? 'a Kubernetes frame' : 'not symbolized'}: there is no source to open.`);
      return;
    }
    this.host.post({ type: 'openFrame', name: node.name, kind: node.kind });
  }

  private openMenu(frame: Frame, x: number, y: number): void {
    const node = frame.data;
    this.menu.open(x, y, [
      { label: 'Go to Source', enabled: canOpenSource(node.kind), run: () => this.openFrame(node) },
      { label: 'Zoom', enabled: true, run: () => this.chart.zoomToPath(FlameChart.zoomPathOf(frame)) },
      { label: 'Copy Name', enabled: true, run: () => void copyText(node.name) },
    ]);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      if (this.menu.isOpen) this.menu.close();
      else if (this.state.zoomPath.length > 0) this.chart.resetZoom();
      else return;
      e.preventDefault();
    } else if (e.key === '/' && !isTextEntry(e.composedPath()[0])) {
      e.preventDefault();
      this.toolbar.focusSearch();
    }
  }

  private setNotice(text: string | undefined): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = text === undefined;
  }

  private updateState(change: Partial<FlamegraphViewState>): void {
    this.state = { ...this.state, ...change };
    this.host.saveState(this.state);
    this.host.post({ type: 'stateChanged', state: this.state });
  }

  /** Reports a draw once the browser has painted it. */
  private reportDrawn(started: number): void {
    const shown = this.shown;
    if (!shown) return;
    const search = this.search.kind === 'ok' ? searchStats(shown.tree, this.search.match) : undefined;
    afterPaint(() => {
      if (this.shown !== shown) return;
      this.host.post({
        type: 'rendered',
        rootValue: shown.tree.value,
        nodeCount: shown.nodeCount,
        drawMs: Math.round((performance.now() - started) * 10) / 10,
        search: search && { matches: search.matches, percent: Math.round(search.percent * 100) / 100 },
      });
    });
  }
}

/** Two frames: the first runs d3's zero-length transitions, the second follows the paint. A hidden view gets no frames, hence the timer. */
function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => requestAnimationFrame(once));
  setTimeout(once, 1000);
}

function isTextEntry(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName.startsWith('VSCODE-');
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older webview hosts deny the async clipboard; a selected textarea and execCommand still works there.
    const area = el('textarea', 'flame-copy-buffer');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
