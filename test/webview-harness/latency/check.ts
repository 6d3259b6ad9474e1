// Drives the built latency webview (light, dark, high contrast): checks what a user sees and does, saves screenshots to look at.
// Run: npx tsx test/webview-harness/latency/check.ts [out-dir] [--dist]   (--dist: serve dist/webview as `node scripts/build.mjs` left it)

import { resolve } from 'node:path';
import type { LatencyTable } from '../../../src/core/latency';
import { HOSTILE_PATH, HOSTILE_SERVICE, storyTable } from '../../unit/webview-latency/fixture';
import { harnessReport } from '../report';
import type { HarnessTheme } from '../webviewHarness';
import { LatencyPage, startLatencyHarness } from './harness';

const args = process.argv.slice(2);
const { check, shot, finish } = harnessReport(resolve(args.find((a) => !a.startsWith('--')) ?? '.test-artifacts/webview-harness/latency'));
const TITLE = 'pixie · kind-flamelens · 5m';

async function showTable(view: LatencyPage, table: LatencyTable = storyTable()) {
  const rendered = view.waitFor('rendered');
  await view.post({ type: 'latency', title: TITLE, table });
  return rendered;
}

/** Visible rows as the user reads them: name cell text and the p99 cell. */
function tableText(view: LatencyPage) {
  return view.page.evaluate(() =>
    [...document.querySelectorAll('tbody tr')].map((tr) => ({
      name: (tr.querySelector('.lat-service, .lat-path')?.textContent ?? '').trim(),
      method: tr.querySelector('.lat-method')?.textContent ?? '',
      cells: [...tr.querySelectorAll('td.num')].map((td) => td.textContent?.trim()),
      p99Class: tr.querySelector('td.p99')?.className ?? '',
      bar: (tr.querySelector('.lat-bar-fill') as HTMLElement | null)?.style.width ?? '',
      selected: tr.classList.contains('selected'),
    })),
  );
}

async function rowByLabel(view: LatencyPage, method: string, path: string) {
  return view.page.locator('tr.lat-endpoint', { has: view.page.locator('.lat-method', { hasText: new RegExp(`^${method}$`) }) }).filter({
    has: view.page.locator('.lat-path', { hasText: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }),
  });
}

async function main(): Promise<void> {
  const harness = await startLatencyHarness({ useDist: args.includes('--dist') });
  try {
    for (const theme of ['dark', 'light', 'high-contrast'] as HarnessTheme[]) {
      console.log(`${theme}:`);
      const view = await harness.open(theme);
      try {
        await themeChecks(view, theme);
        if (theme === 'dark') await interactionChecks(view);
        const security = await view.securityReport();
        check(security.cspViolations.length === 0, `no CSP violations ${security.cspViolations.join('; ')}`);
        check(security.alerts.length === 0 && view.pageErrors.length === 0, `no alerts or page errors ${[...security.alerts, ...view.pageErrors].join('; ')}`);
        check(view.consoleErrors.length === 0, `no console errors (404s, CSP) ${view.consoleErrors.join('; ')}`);
      } finally {
        await view.close();
      }
    }
    console.log('narrow panel (light):');
    const narrow = await harness.open('light', { width: 620, height: 560 });
    try {
      await showTable(narrow);
      const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 0, `no horizontal page scroll at 620 px (overflow ${overflow}px)`);
      await shot(narrow, 'latency-narrow-light');
    } finally {
      await narrow.close();
    }
    console.log('large table (dark):');
    const big = await harness.open('dark');
    try {
      await largeTable(big);
    } finally {
      await big.close();
    }
  } finally {
    await harness.close();
  }
  finish();
}

async function themeChecks(view: LatencyPage, theme: HarnessTheme): Promise<void> {
  const page = view.page;
  // Before any data: the loading state the host posts first.
  await view.post({ type: 'loading', message: `Running the latency script on ${TITLE}…` });
  await page.waitForTimeout(50);
  check(await page.locator('.lat-status').isVisible(), 'loading message shown before the first table');
  if (theme === 'dark') await shot(view, 'latency-loading-dark');

  const r = await showTable(view);
  check(r.services === 3 && r.endpoints === 8 && r.charts === 1, `rendered ${JSON.stringify(r)} (3 services, 8 endpoints, 1 chart)`);
  const rows = await tableText(view);
  check(rows[0].name === 'default/admin-service' && rows[1].method === 'GET' && rows[1].name === '/admin', `p99 descending puts admin-service / GET /admin first: ${rows.slice(0, 2).map((x) => `${x.method} ${x.name}`).join(', ')}`);
  check(
    rows[1].cells.join('|') === '1.4 s|2.3 s|2.6 s|1.20|0%' && /lat-slow/.test(rows[1].p99Class) && parseFloat(rows[1].bar) === 100,
    `GET /admin shows ${rows[1].cells.join(' | ')}, flagged slow, full bar (${rows[1].p99Class}, ${rows[1].bar})`,
  );
  const frontStatic = rows.find((x) => x.name === '/static/<id>');
  check(frontStatic?.cells[0] === '2.1 ms' && /lat-ok/.test(frontStatic.p99Class) && parseFloat(frontStatic.bar) === 2, `GET /static/<id>: ${frontStatic?.cells.join(' | ')}, not flagged, bar ${frontStatic?.bar}`);
  const chart = await page.evaluate(() => ({
    title: document.querySelector('.lat-chart-title')?.textContent,
    paths: document.querySelectorAll('.lat-line path').length,
    yLabels: [...document.querySelectorAll('.lat-axis-y text')].map((t) => t.textContent),
    xLabels: [...document.querySelectorAll('.lat-axis-x text')].map((t) => t.textContent),
    legend: [...document.querySelectorAll('.lat-legend-label')].map((t) => t.textContent),
  }));
  check(chart.title === 'default/admin-service' && chart.paths === 3, `chart of the top row with 3 lines: ${chart.title}, ${chart.paths} paths`);
  // The service's worst bin (the burst) is near 4 s: the axis tops out at a round value above it, in seconds.
  check(chart.yLabels.join(',') === '0,1 s,2 s,3 s,4 s', `latency axis ${chart.yLabels.join(', ')}`);
  check(chart.xLabels.length >= 4 && chart.xLabels.every((l) => /^\d\d:\d\d(:\d\d)?$/.test(l ?? '')), `time axis ${chart.xLabels.join(', ')}`);
  check(chart.legend.join(',') === 'p50,p90,p99', `legend ${chart.legend.join(', ')}`);
  await page.mouse.move(1, 1);
  await shot(view, `latency-${theme}`);

  // Selecting GET /admin charts it; hovering shows one bin's numbers.
  await (await rowByLabel(view, 'GET', '/admin')).click();
  const title = await page.locator('.lat-chart-title').textContent();
  const sub = await page.locator('.lat-chart-subtitle').textContent();
  check(title === 'GET /admin' && sub === 'default/admin-service', `selecting GET /admin charts it (${title} · ${sub})`);
  const area = await page.locator('svg.lat-chart').boundingBox();
  if (area) await page.mouse.move(area.x + area.width * 0.66, area.y + area.height / 2);
  await page.waitForTimeout(50);
  const readout = await page.locator('.lat-readout').textContent();
  check(!!readout && /p99[\d.]+ s/.test(readout) && /req\/s/.test(readout), `hover readout: ${readout}`);
  await shot(view, `latency-admin-hover-${theme}`);
}

async function interactionChecks(view: LatencyPage): Promise<void> {
  const page = view.page;
  // vscode-elements render under the strict CSP (constructable stylesheets, no inline styles).
  const styled = await page.evaluate(() => {
    const b = document.querySelector('vscode-button');
    return { sheets: b?.shadowRoot?.adoptedStyleSheets.length ?? 0, height: Math.round(b?.getBoundingClientRect().height ?? 0) };
  });
  check(styled.sheets > 0 && styled.height >= 20, `Refresh is a styled vscode-button ${JSON.stringify(styled)}`);

  // Sorting by header.
  let rendered = view.waitFor('rendered');
  await page.locator('th button', { hasText: 'req/s' }).click();
  await rendered;
  let rows = await tableText(view);
  check(rows[0].name === 'default/frontend' && rows[1].name === '/', `req/s descending: ${rows.slice(0, 2).map((x) => x.name).join(', ')}`);
  check((await page.locator('th[aria-sort="descending"]').textContent())?.startsWith('req/s') === true, 'sorted header marked aria-sort=descending');
  check(rows.some((x) => x.selected && x.name === '/admin'), 'selection survives a re-sort');
  rendered = view.waitFor('rendered');
  await page.locator('th button', { hasText: 'req/s' }).click();
  await rendered;
  rows = await tableText(view);
  check(rows[0].name === 'default/admin-service' && rows[1].name === '/admin/hats', `req/s ascending: ${rows.slice(0, 2).map((x) => x.name).join(', ')}`);
  await shot(view, 'latency-sorted-rps-ascending-dark');
  rendered = view.waitFor('rendered');
  await page.locator('th button', { hasText: 'p99' }).click();
  await rendered;

  // Open handler: double-click, the link, and Enter.
  let open = view.waitFor('openEndpoint');
  await (await rowByLabel(view, 'POST', '/upload')).dblclick();
  let o = await open;
  check(o.service === 'default/upload-service' && o.method === 'POST' && o.path === '/upload', `double-click posts openEndpoint ${JSON.stringify(o)}`);
  open = view.waitFor('openEndpoint');
  const adminRow = await rowByLabel(view, 'GET', '/admin');
  await adminRow.hover();
  await adminRow.locator('.lat-open').click();
  o = await open;
  check(o.method === 'GET' && o.path === '/admin', `"Open handler" posts openEndpoint for ${o.method} ${o.path}`);
  open = view.waitFor('openEndpoint');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  o = await open;
  check(o.method === 'POST' && o.path === '/admin/hats', `ArrowDown + Enter opens the next endpoint (${o.method} ${o.path})`);
  await shot(view, 'latency-keyboard-dark');

  // Collapse a service from the keyboard: ArrowLeft to the service, ArrowLeft again to collapse.
  await page.keyboard.press('ArrowLeft');
  rendered = view.waitFor('rendered');
  await page.keyboard.press('ArrowLeft');
  const collapsed = await rendered;
  check(collapsed.endpoints === 5, `collapsing admin-service hides its 3 endpoints (drawn ${collapsed.endpoints})`);

  // Refresh: posts, then the host's loading keeps the old table dimmed until the new one arrives.
  const refresh = view.waitFor('refresh');
  await page.locator('vscode-button', { hasText: 'Refresh' }).click();
  await refresh;
  check(true, 'Refresh posts refresh');
  await view.post({ type: 'loading', message: 'Running the latency script on pixie · kind-flamelens · 5m…' });
  await page.waitForTimeout(50);
  const stale = await page.evaluate(() => ({ stale: document.querySelector('.lat-body')?.classList.contains('stale'), rows: document.querySelectorAll('tbody tr').length, bar: !(document.querySelector('.lat-progress') as HTMLElement).hidden }));
  check(stale.stale === true && stale.rows === 8 && stale.bar, `while refreshing the old table stays, dimmed, with a progress bar ${JSON.stringify(stale)}`);
  await shot(view, 'latency-refreshing-dark');

  // Hide/show: VS Code reloads the page; sort, selection and collapsed services come back.
  await page.locator('th button', { hasText: 'errors' }).click();
  await (await rowByLabel(view, 'POST', '/manipulate')).click();
  await view.reload();
  const again = await showTable(view);
  rows = await tableText(view);
  const restored = await page.evaluate(() => ({ chart: document.querySelector('.lat-chart-title')?.textContent, sort: document.querySelector('th[aria-sort="descending"]')?.textContent }));
  check(
    again.endpoints === 5 && restored.chart === 'POST /manipulate' && restored.sort?.startsWith('errors') === true && rows.find((x) => x.selected)?.name === '/manipulate',
    `after reload: ${again.endpoints} endpoints drawn (admin-service still collapsed), chart ${restored.chart}, sorted by ${restored.sort}`,
  );

  // Resizing the panel redraws the chart at the new size.
  const before = await page.locator('svg.lat-chart').getAttribute('width');
  await page.setViewportSize({ width: 800, height: 720 });
  await page.waitForTimeout(200);
  const after = await page.locator('svg.lat-chart').getAttribute('width');
  check(before === '1076' && after === '776', `chart redrawn to the panel width (${before} -> ${after} px)`);
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.waitForTimeout(200);

  // Service and path names are text, never markup.
  await showTable(view, storyTable({ hostile: true }));
  const hostileRow = await rowByLabel(view, 'GET', HOSTILE_PATH);
  await hostileRow.click();
  const xss = await page.evaluate(() => ({
    services: [...document.querySelectorAll('.lat-service')].map((e) => e.textContent),
    paths: [...document.querySelectorAll('.lat-path')].map((e) => e.textContent),
    chart: document.querySelector('.lat-chart-subtitle')?.textContent,
    images: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
  }));
  const security = await view.securityReport();
  check(
    xss.services.includes(HOSTILE_SERVICE) && xss.paths.includes(HOSTILE_PATH) && xss.chart === HOSTILE_SERVICE && xss.images === 0 && xss.scripts === 2 && security.alerts.length === 0,
    `hostile names shown as text: ${JSON.stringify({ ...xss, services: undefined, paths: undefined })} alerts ${security.alerts.length}`,
  );
  await page.mouse.move(1, 1);
  await shot(view, 'latency-xss-dark');

  // Empty and error states replace the table.
  let r = view.waitFor('rendered');
  await view.post({ type: 'empty', message: "No HTTP requests reached a service in namespace 'default' of kind-flamelens in the last 5m. Send some traffic, widen the window, or check the namespace." });
  let e = await r;
  const emptyShown = await page.evaluate(() => ({ body: (document.querySelector('.lat-body') as HTMLElement).hidden, status: document.querySelector('.lat-status')?.textContent }));
  check(e.services === 0 && e.charts === 0 && emptyShown.body && /No HTTP requests/.test(emptyShown.status ?? ''), `empty state: message instead of the table (rendered ${JSON.stringify(e)})`);
  await shot(view, 'latency-empty-dark');
  r = view.waitFor('rendered');
  await view.post({ type: 'error', message: 'Cannot reach the Pixie cluster at 127.0.0.1:51234 (connection refused). Start the port-forward and press Refresh.' });
  e = await r;
  const errorColor = await page.evaluate(() => getComputedStyle(document.querySelector('.lat-status')!).color);
  check(e.charts === 0 && errorColor === 'rgb(248, 81, 73)', `error state in the theme's error colour (${errorColor})`);
  await shot(view, 'latency-error-dark');
  // And a table again after an error.
  const back = await showTable(view);
  check(back.services === 3 && (await page.locator('.lat-status').isHidden()), 'a table after an error replaces the message');
}

/** 40 services x 25 endpoints with series: draw time, and sorting it. */
async function largeTable(view: LatencyPage): Promise<void> {
  const base = storyTable();
  const services = [];
  const endpoints = [];
  const series = [];
  for (let s = 0; s < 40; s++) {
    const service = `shop/svc-${String(s).padStart(2, '0')}`;
    services.push({ ...base.services[s % 3], service });
    series.push({ ...base.series[s % 3], service });
    for (let e = 0; e < 25; e++) {
      const ep = base.endpoints[(s + e) % base.endpoints.length];
      const path = `/api/v1/items/${e}`;
      endpoints.push({ ...ep, service, path, p99Ms: ep.p99Ms * (1 + e / 10) });
      const sr = base.series.find((x) => x.method === ep.method && x.path === ep.path)!;
      series.push({ ...sr, service, path });
    }
  }
  const table: LatencyTable = { ...base, services, endpoints, series };
  const start = Date.now();
  const r = await showTable(view, table);
  const drawMs = Date.now() - start;
  check(r.services === 40 && r.endpoints === 1000, `large table drawn: ${r.services} services, ${r.endpoints} endpoints`);
  const sortStart = Date.now();
  const sorted = view.waitFor('rendered');
  await view.page.locator('th button', { hasText: 'p50' }).click();
  await sorted;
  console.log(`  measured: 40 services / 1000 endpoints / 1040 series drawn in ${drawMs} ms (post to 'rendered'), re-sorted in ${Date.now() - sortStart} ms`);
  await shot(view, 'latency-large-dark');
}

main().catch((err) => {
  console.error(`latency harness: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
