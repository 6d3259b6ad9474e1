// CodeLens and hovers over the fixture projects' code, from the latency and CPU profile a live Vizier API served.
//
// The test server answers Flamelens' scripts with tables made here; every expected lens text is worked out here from
// those tables with this file's own formatting, and every expected line is found by reading the fixture sources.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HTTP_LATENCY_SCRIPT, STACK_TRACES_SCRIPT } from '../../src/sources/pixie/scripts';
import type { RecordedCall, TestTable, VizierTestServer } from '../support/vizierServer';
import { flamelens } from './support/extensionApi';
import { addFixtureProjects, lineOf, projectText, projectUri, removeFixtureProjects } from './support/fixtureProjects';
import type { ProjectName } from './support/fixtureProjects';
import { LiveServers } from './support/liveServers';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';
import { visibleCodeLenses, visibleHoverText } from './support/webviewActions';

// ---- What the server serves -------------------------------------------------------------------------------------

interface ServedEndpoint {
  service: string;
  method: string;
  path: string;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  /** Requests in the window. */
  count: number;
  errors: number;
}

/** Each project's service in the cluster, named like its folder (how the lens tells same-path routes apart). */
const ENDPOINTS: ServedEndpoint[] = [
  { service: 'default/go-hats', method: 'GET', path: '/admin', p50: 1840, p90: 2710, p99: 3420, count: 120, errors: 0 },
  { service: 'default/go-hats', method: 'POST', path: '/upload', p50: 95.2, p90: 180, p99: 420, count: 9000, errors: 0.03 },
  { service: 'default/express-ts', method: 'GET', path: '/admin', p50: 1210, p90: 1900, p99: 12_400, count: 930, errors: 0 },
  { service: 'default/flask-hats', method: 'GET', path: '/admin', p50: 8.44, p90: 20, p99: 31, count: 36_000, errors: 0.002 },
];

/** Time-series bins are 10 s; the p99 line peaks in this bin, everything else stays below 80% of the peak. */
const BIN_SECONDS = 10;
const PEAK_BIN = 22;
const END_NS = 1_767_225_600_000_000_000n;

function binValues(e: ServedEndpoint, bin: number, bins: number): { p50: number; p90: number; p99: number } {
  const rise = 0.8 + (0.2 * bin) / Math.max(1, bins - 1);
  const p99 = bin === PEAK_BIN ? e.p99 : e.p99 * (0.6 + (0.2 * (bin % 5)) / 4);
  return { p50: e.p50 * rise, p90: e.p90 * rise, p99 };
}

interface ServedStack {
  service: string;
  frames: string[];
  count: number;
}

/** Where `compiled` stands in the committed generated JS of express-ts (V8's `file:line:col` of the function). */
function jsFrame(name: string, compiled: string, column: string): string {
  const at = lineOf(projectText('express-ts', 'dist', 'handlers', 'admin.js'), compiled, column);
  return `JS:*${name} /app/dist/handlers/admin.js:${at.line}:${at.column}`;
}

/** The Express handlers' frames, as V8 names the compiled functions. */
function expressFrames(): { adminPage: string; renderPreview: string } {
  return {
    adminPage: jsFrame('adminPage', 'async function adminPage(', 'adminPage'),
    renderPreview: jsFrame('renderPreview', 'const renderPreview = async', 'async'),
  };
}

function servedStacks(): ServedStack[] {
  const fiber = ['runtime.goexit.abi0', 'github.com/valyala/fasthttp.(*Server).serveConn', 'github.com/gofiber/fiber/v2.(*App).handler'];
  const { adminPage, renderPreview } = expressFrames();
  return [
    { service: 'go-hats', frames: [...fiber, 'main.UnmoderatedPic', 'main.createSampleImage', 'image/png.Encode', 'compress/flate.(*compressor).deflate'], count: 620 },
    { service: 'go-hats', frames: [...fiber, 'main.UnmoderatedPic', 'main.createSampleImage'], count: 140 },
    { service: 'go-hats', frames: [...fiber, 'main.UnmoderatedPic', 'github.com/hatshop/hats/store.(*Store).ListUnmoderated', 'os.ReadDir', 'syscall.Syscall'], count: 60 },
    // Defined in go-hats and in thumbnailer: a lens would be a guess, so there must be none.
    { service: 'go-hats', frames: ['runtime.goexit.abi0', 'net/http.(*conn).serve', 'net/http.HandlerFunc.ServeHTTP', 'main.healthz'], count: 50 },
    { service: 'go-hats', frames: ['runtime.goexit.abi0', 'runtime.gcBgMarkWorker', 'runtime.gcDrain', 'runtime.scanobject'], count: 130 },
    { service: 'express-ts', frames: ['node::Start(int, char**)', 'uv_run', adminPage, renderPreview], count: 300 },
    { service: 'express-ts', frames: ['node::Start(int, char**)', 'uv_run', 'epoll_wait', '[k] do_epoll_wait'], count: 100 },
  ];
}

function podOf(service: string): string {
  return `default/${service}-7c9f8b6d4-lx2qp`;
}

/** Answers Flamelens' two scripts from ENDPOINTS and servedStacks(), as http_latency.pxl and stack_traces.pxl would. */
function answer(call: RecordedCall): { kind: 'answer'; tables: TestTable[] } {
  const specs = [...STACK_TRACES_SCRIPT.functions, ...HTTP_LATENCY_SCRIPT.functions];
  const tables: TestTable[] = [];
  for (const f of call.funcs) {
    const spec = specs.find((s) => s.func === f.name);
    if (!spec) continue;
    const bins = Math.max(1, Math.floor(windowOf(call) / BIN_SECONDS));
    const table = (rows: object[]): TestTable => ({ name: f.outputTable, columns: spec.columns, rows });
    const stats = (e: ServedEndpoint, v: { p50: number; p90: number; p99: number } = e, count = e.count) => ({
      latency_p50: Math.round(v.p50 * 1e6),
      latency_p90: Math.round(v.p90 * 1e6),
      latency_p99: Math.round(v.p99 * 1e6),
      request_count: count,
      error_rate: e.errors,
    });
    const series = (e: ServedEndpoint) =>
      Array.from({ length: bins }, (_, b) => ({ time_: END_NS - BigInt((bins - b) * BIN_SECONDS) * 1_000_000_000n, ...stats(e, binValues(e, b, bins), Math.max(1, Math.round(e.count / bins))) }));
    // One endpoint stands for its service in the service tables (its busiest would do as well).
    const firstOfService = ENDPOINTS.filter((e, i) => ENDPOINTS.findIndex((o) => o.service === e.service) === i);
    switch (f.name) {
      case 'stack_traces':
        tables.push(
          table(
            servedStacks().map((s) => ({
              node: 'gke-hatshop-pool-1-a1b2',
              namespace: 'default',
              pod: podOf(s.service),
              container: s.service,
              cmdline: s.service === 'express-ts' ? 'node /app/dist/server.js' : `/app/${s.service}`,
              stack_trace: s.frames.join(';'),
              count: s.count,
            })),
          ),
        );
        break;
      case 'endpoint_latency':
        tables.push(table(ENDPOINTS.map((e) => ({ service: e.service, req_method: e.method, req_path: e.path, ...stats(e) }))));
        break;
      case 'service_latency':
        tables.push(table(firstOfService.map((e) => ({ service: e.service, ...stats(e) }))));
        break;
      case 'endpoint_timeseries':
        tables.push(table(ENDPOINTS.flatMap((e) => series(e).map((row) => ({ service: e.service, req_method: e.method, req_path: e.path, ...row })))));
        break;
      case 'service_timeseries':
        tables.push(table(firstOfService.flatMap((e) => series(e).map((row) => ({ service: e.service, ...row })))));
        break;
    }
  }
  return { kind: 'answer', tables };
}

/** Seconds of the window a call asked for (`start_time: '-5m'`). */
function windowOf(call: RecordedCall): number {
  const start = call.funcs[0]?.args.start_time ?? '';
  const m = /^-(\d+)(s|m|h)$/.exec(start);
  if (!m) throw new Error(`The extension asked for start_time "${start}", not a relative window.`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
}

// ---- What the lenses should say, worked out from what was served ------------------------------------------------

function latencyText(ms: number): string {
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

function shareText(fraction: number): string {
  return fraction > 0 && fraction < 0.01 ? '<1%' : `${Math.round(fraction * 100)}%`;
}

function windowText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

function routeLens(service: string, method: string, path: string, windowSeconds: number): string {
  const e = ENDPOINTS.find((x) => x.service === service && x.method === method && x.path === path);
  if (!e) throw new Error(`${service} ${method} ${path} is not served`);
  const rps = e.count / windowSeconds;
  const rate = rps >= 10 ? `${Math.round(rps)} req/s` : `${rps.toFixed(1)} req/s`;
  return `${method} ${path} · p50 ${latencyText(e.p50)} · p99 ${latencyText(e.p99)} · ${rate} · ${shareText(e.errors)} errors`;
}

/** `76% CPU (self 14%) · go-hats`: the function's samples (on the stack, as the leaf) over its service's samples. */
function cpuLens(service: string, frame: string): string {
  const stacks = servedStacks().filter((s) => s.service === service);
  const all = stacks.reduce((n, s) => n + s.count, 0);
  const total = stacks.filter((s) => s.frames.includes(frame)).reduce((n, s) => n + s.count, 0);
  const self = stacks.filter((s) => s.frames[s.frames.length - 1] === frame).reduce((n, s) => n + s.count, 0);
  assert.ok(total > 0, `${frame} is not in the served profile of ${service}`);
  return `${shareText(total / all)} CPU (self ${shareText(self / all)}) · ${service}`;
}

/** 0-based line of the first line of a fixture file containing `text`. */
function lineIn(project: ProjectName, file: string[], text: string): number {
  return lineOf(projectText(project, ...file), text).line - 1;
}

/** The lens titles of a file by 0-based line, as VS Code's CodeLens command returns them. */
async function lensesOf(uri: vscode.Uri): Promise<Map<number, string[]>> {
  // VS Code computes lenses of loaded documents only (the workbench asks for the files a user opens).
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  const byLine = new Map<number, string[]>();
  for (const lens of lenses) {
    const title = lens.command?.title;
    if (!title) continue;
    byLine.set(lens.range.start.line, [...(byLine.get(lens.range.start.line) ?? []), title]);
  }
  for (const titles of byLine.values()) titles.sort();
  return byLine;
}

function linesToTitles(entries: [number, string[]][]): Map<number, string[]> {
  return new Map(entries.map(([line, titles]) => [line, [...titles].sort()]));
}

/** Points of an SVG path made of `M x,y L x,y ...`. */
function pathPoints(d: string): { x: number; y: number }[] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

// ---- The tests ----------------------------------------------------------------------------------------------------

describe('CodeLens and hovers from live latency and CPU samples (local source)', () => {
  const live = new LiveServers();
  let server: VizierTestServer;
  let windowSeconds: number;

  before(() => addFixtureProjects());
  after(() => removeFixtureProjects());

  beforeEach(async () => {
    server = await live.vizier({ respond: answer, batchRows: 16 });
    await live.configure({ source: 'local', 'local.address': server.address });
    const api = await flamelens();
    // The lenses read the latest data; fetch it from this server now rather than on the next interval.
    await waitFor('the lens data to come from the test server', async () => {
      await api.liveData.refresh();
      const latency = api.liveData.latency;
      const profile = api.liveData.profile;
      return latency?.endpoints.some((e) => e.service === 'default/go-hats') && profile?.stacks.some((s) => s.ctx?.container === 'go-hats');
    });
    const latencyCall = server.calls.find((c) => c.funcs.some((f) => f.name === 'endpoint_latency'));
    assert.ok(latencyCall, 'the extension never asked the server for latency');
    windowSeconds = windowOf(latencyCall);
  });

  afterEach(() => live.release());

  it('route lenses over each handler show the served p50, p99, throughput and errors; CPU lenses the served shares @screenshot', async () => {
    const admin = projectUri('go-hats', 'admin.go');
    const unmoderatedPic = lineIn('go-hats', ['admin.go'], 'func UnmoderatedPic(');
    const createSampleImage = lineIn('go-hats', ['admin.go'], 'func createSampleImage(');
    assert.deepEqual(
      await lensesOf(admin),
      linesToTitles([
        [unmoderatedPic, [routeLens('default/go-hats', 'GET', '/admin', windowSeconds), cpuLens('go-hats', 'main.UnmoderatedPic')]],
        [createSampleImage, [cpuLens('go-hats', 'main.createSampleImage')]],
      ]),
    );

    const upload = await lensesOf(projectUri('go-hats', 'upload.go'));
    assert.deepEqual(upload.get(lineIn('go-hats', ['upload.go'], 'func (s *uploadServer) handleUpload(')), [routeLens('default/go-hats', 'POST', '/upload', windowSeconds)]);

    const store = await lensesOf(projectUri('go-hats', 'store', 'store.go'));
    assert.deepEqual(
      store,
      linesToTitles([[lineIn('go-hats', ['store', 'store.go'], 'func (s *Store) ListUnmoderated('), [cpuLens('go-hats', 'github.com/hatshop/hats/store.(*Store).ListUnmoderated')]]]),
    );

    // Open the file as a user does: the workbench draws the same lenses above the lines.
    const editor = await vscode.window.showTextDocument(admin, { preview: false });
    editor.revealRange(new vscode.Range(unmoderatedPic, 0, createSampleImage, 0), vscode.TextEditorRevealType.AtTop);
    const expectedOnScreen = [routeLens('default/go-hats', 'GET', '/admin', windowSeconds), cpuLens('go-hats', 'main.createSampleImage')];
    await waitFor('the editor to draw the lenses', async () => {
      const drawn = await visibleCodeLenses();
      return expectedOnScreen.every((title) => drawn.includes(title));
    });
    await screenshot(`codelens-go-admin-${themeKind()}`);
  });

  it('a TypeScript handler gets its route lens, and CPU lenses from frames of its compiled JavaScript', async () => {
    const file = ['src', 'handlers', 'admin.ts'];
    const adminPage = lineIn('express-ts', file, 'export async function adminPage(');
    const renderPreview = lineIn('express-ts', file, 'export const renderPreview');
    const frames = expressFrames();
    assert.deepEqual(
      await lensesOf(projectUri('express-ts', ...file)),
      linesToTitles([
        [adminPage, [routeLens('default/express-ts', 'GET', '/admin', windowSeconds), cpuLens('express-ts', frames.adminPage)]],
        [renderPreview, [cpuLens('express-ts', frames.renderPreview)]],
      ]),
    );
    // The generated JS gets no lens of its own: the numbers belong to the source a user edits.
    const compiled = await lensesOf(projectUri('express-ts', 'dist', 'handlers', 'admin.js'));
    assert.ok(![...compiled.values()].flat().some((t) => t.includes('CPU')), `CPU lenses on the compiled file: ${[...compiled.values()].flat().join(' | ')}`);
  });

  it('a Flask view shows its latency; a route nobody called says so; an ambiguous function gets no CPU lens', async () => {
    const flask = await lensesOf(projectUri('flask-hats', 'app.py'));
    assert.deepEqual(flask.get(lineIn('flask-hats', ['app.py'], 'def admin():')), [routeLens('default/flask-hats', 'GET', '/admin', windowSeconds)]);

    const thumbnailer = await lensesOf(projectUri('thumbnailer', 'main.go'));
    assert.deepEqual(thumbnailer.get(lineIn('thumbnailer', ['main.go'], 'func thumbnail(')), [`POST /thumbnail · no requests in the last ${windowText(windowSeconds)}`]);

    // main.healthz is hot in go-hats, but thumbnailer defines main.healthz too: pointing at either would be a guess.
    const goMain = await lensesOf(projectUri('go-hats', 'main.go'));
    for (const [where, lenses, line] of [
      ['go-hats', goMain, lineIn('go-hats', ['main.go'], 'func healthz(')],
      ['thumbnailer', thumbnailer, lineIn('thumbnailer', ['main.go'], 'func healthz(')],
    ] as const) {
      assert.ok(!(lenses.get(line) ?? []).some((t) => t.includes('CPU')), `${where}: ${lenses.get(line)?.join(' | ')}`);
    }
  });

  it('the hover on a route lens line gives the numbers and draws the endpoint\'s latency over the window @screenshot', async () => {
    const admin = projectUri('go-hats', 'admin.go');
    const line = lineIn('go-hats', ['admin.go'], 'func UnmoderatedPic(');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', admin, new vscode.Position(line, 8))) ?? [];
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');

    const served = ENDPOINTS[0];
    assert.match(markdown, /\*\*GET \/admin\*\*/);
    assert.ok(markdown.includes(`| ${latencyText(served.p50)} | ${latencyText(served.p90)} | ${latencyText(served.p99)} |`), markdown);

    const image = /!\[GET \/admin latency\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown);
    assert.ok(image, `no latency chart for GET /admin in the hover:\n${markdown}`);
    const svg = Buffer.from(image[1], 'base64').toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The legend names each line's colour; each line has a point per served 10 s bin.
    const legend = /<tspan fill="([^"]+)">p50<\/tspan> <tspan fill="([^"]+)">p99<\/tspan>/.exec(svg);
    assert.ok(legend, 'the chart has no p50/p99 legend');
    const lineOfColour = (colour: string) => {
      const d = new RegExp(`<path d="([^"]+)"[^>]*stroke="${colour}"`).exec(svg)?.[1];
      assert.ok(d, `no line drawn in ${colour}`);
      return pathPoints(d);
    };
    const p50 = lineOfColour(legend[1]);
    const p99 = lineOfColour(legend[2]);
    const bins = Math.floor(windowSeconds / BIN_SECONDS);
    assert.equal(p50.length, bins);
    assert.equal(p99.length, bins);
    for (let i = 1; i < bins; i++) assert.ok(p99[i].x > p99[i - 1].x && p50[i].x === p99[i].x, `bin ${i} is not to the right of bin ${i - 1}`);
    // SVG y grows downwards: p99 is never drawn under p50, its highest point is the served peak, and p50 rises.
    for (let i = 0; i < bins; i++) assert.ok(p99[i].y <= p50[i].y, `bin ${i}: p99 drawn under p50`);
    const highest = p99.reduce((best, p, i) => (p.y < p99[best].y ? i : best), 0);
    assert.equal(highest, PEAK_BIN);
    assert.ok(p50[bins - 1].y < p50[0].y, 'the p50 line does not rise as served');

    // And as a user sees it: the hover over the handler, in the editor.
    const editor = await vscode.window.showTextDocument(admin, { preview: false });
    const at = new vscode.Position(line, 8);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await waitFor('the hover to show the route\'s numbers', async () => {
      await vscode.commands.executeCommand('editor.action.showHover');
      const shown = await visibleHoverText();
      return shown.some((t) => t.includes('GET /admin') && t.includes(latencyText(served.p99)));
    });
    await screenshot(`hover-go-admin-${themeKind()}`);
  });
});
