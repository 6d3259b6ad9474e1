// Drives the built webview in the harness (light, dark, high contrast): saves screenshots to look at and checks CSP, XSS and the toolbar.
// Run: node scripts/build.mjs && npx tsx test/webview-harness/screenshots.ts [out-dir]

import { resolve } from 'node:path';
import { buildFlameTree, countNodes } from '../../src/core/flameTree';
import type { Profile } from '../../src/core/profile';
import { filterProfile, scopeFacets, ScopeFilter } from '../../src/core/scope';
import type { HostToWebview } from '../../webview/protocol';
import { generateStoryProfile, HOSTILE_NAME, HOSTILE_POD } from './generatedProfile';
import { FlamegraphPage, startHarness } from './harness';
import { harnessReport } from './report';
import type { HarnessTheme } from './webviewHarness';

const { check, shot, finish } = harnessReport(resolve(process.argv[2] ?? '.test-artifacts/webview-harness'));

function profileMessage(profile: Profile, filters: ScopeFilter = {}): HostToWebview {
  const scoped = filterProfile(profile, filters);
  const tree = buildFlameTree(scoped);
  return {
    type: 'profile',
    tree,
    facets: scopeFacets(profile, filters),
    filters,
    summary: {
      title: 'story.jsonl',
      totalSamples: profile.totalSamples,
      scopedSamples: scoped.totalSamples,
      nodeCount: countNodes(tree),
      prunedNodes: 0,
      sampleIntervalMs: profile.sampleIntervalMs,
    },
  };
}

/** Zoom animates for 300 ms on small trees. */
const ZOOM_SETTLE_MS = 450;
const ADMIN_PATH = ['node: node-1', 'namespace: default', 'pod: admin-7d9f8c6b5-x2k4q', 'container: admin', 'pid: /app/admin', 'runtime.goexit.abi0', 'net/http.(*conn).serve', 'net/http.serverHandler.ServeHTTP', 'main.(*AdminHandler).ServeHTTP', 'main.listHats'];

async function frameBox(view: FlamegraphPage, name: string) {
  const handle = await view.page.evaluateHandle(
    (n) => [...document.querySelectorAll('g.frame')].find((g) => g.getAttribute('name') === n)?.querySelector('rect') ?? null,
    name,
  );
  const el = handle.asElement();
  return el ? el.boundingBox() : null;
}

async function main(): Promise<void> {
  const profile = generateStoryProfile();
  const harness = await startHarness();
  try {
    for (const theme of ['light', 'dark', 'high-contrast'] as HarnessTheme[]) {
      console.log(`${theme}:`);
      const view = await harness.open(theme, { width: 1100, height: 640 });
      try {
        const rendered = view.waitFor('rendered');
        await view.post(profileMessage(profile));
        const report = await rendered;
        check(report.rootValue === profile.totalSamples, `rendered root ${report.rootValue} = ${profile.totalSamples} samples`);
        await view.page.mouse.move(1, 1);
        await shot(view, `flamegraph-${theme}`);

        // Search: match count and share, unmatched frames recede.
        const searched = view.waitFor('rendered');
        await view.page.locator('vscode-textfield.flame-search').click();
        await view.page.keyboard.type('preview');
        const s = await searched;
        const text = await view.page.locator('.flame-search-result').textContent();
        check(s.search?.matches === 1 && /^1 match · 57\.4%$/.test(text ?? ''), `search "preview": ${text} (${JSON.stringify(s.search)})`);
        await shot(view, `search-${theme}`);

        // Tooltip on the hot frame.
        const box = await frameBox(view, 'main.generatePreviews');
        if (box) await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await view.page.waitForTimeout(100);
        const tip = await view.page.locator('.flame-tooltip').textContent();
        check(!!tip && tip.includes('main.generatePreviews') && /Total\d/.test(tip.replace(/\s/g, '')), `tooltip: ${tip}`);
        await shot(view, `tooltip-${theme}`);

        if (theme === 'dark') await darkOnlyChecks(view, profile);
        const security = await view.securityReport();
        check(security.cspViolations.length === 0, `no CSP violations ${security.cspViolations.join('; ')}`);
        check(security.alerts.length === 0 && view.pageErrors.length === 0, `no alerts or page errors ${[...security.alerts, ...view.pageErrors].join('; ')}`);
      } finally {
        await view.close();
      }
    }
    console.log('restore and resize (light):');
    const view = await harness.open('light', { width: 1100, height: 640 });
    try {
      await restoreChecks(view, profile);
    } finally {
      await view.close();
    }
  } finally {
    await harness.close();
  }
  finish();
}

/** A profile sent with a saved state (after a window reload) comes back zoomed, searched and inverted; resize and theme changes redraw. */
async function restoreChecks(view: FlamegraphPage, profile: Profile): Promise<void> {
  const page = view.page;
  const message = profileMessage(profile);
  if (message.type !== 'profile') return;
  const rendered = view.waitFor('rendered');
  await view.post({ ...message, state: { filters: {}, search: 'callManipulate', zoomPath: [...ADMIN_PATH, 'main.gone'], inverted: true } });
  const r = await rendered;
  check(r.search?.matches === 1 && r.search.percent === 42.32, `restored search: ${JSON.stringify(r.search)}`);
  const restored = await page.evaluate(() => ({
    crumb: document.querySelector('.flame-crumb.current')?.textContent,
    inverted: (document.querySelector('vscode-checkbox') as HTMLInputElement | null)?.checked,
    search: (document.querySelector('vscode-textfield') as HTMLInputElement | null)?.value,
    rootY: document.querySelector('g.frame')?.getAttribute('transform'),
  }));
  check(restored.crumb === 'main.listHats' && restored.inverted === true && restored.search === 'callManipulate', `restored zoom (missing frame dropped), inverted and search: ${JSON.stringify(restored)}`);
  const state = view.received.filter((m) => m.type === 'stateChanged').at(-1);
  check(state?.type === 'stateChanged' && state.state.zoomPath.at(-1) === 'main.listHats', 'the zoom that could be restored is reported back to the host');
  await shot(view, 'restored-light');

  await page.setViewportSize({ width: 700, height: 640 });
  await page.waitForTimeout(300);
  const widths = await page.evaluate(() => {
    const graph = document.querySelector('.flame-graph') as HTMLElement;
    const style = getComputedStyle(graph);
    return { svg: Number(document.querySelector('svg.d3-flame-graph')?.getAttribute('width')), inner: graph.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
  });
  check(widths.svg === Math.floor(widths.inner), `redrawn to the new width: ${JSON.stringify(widths)}`);
  await shot(view, 'narrow-light');

  const fillOf = () => page.evaluate(() => document.querySelector('g.frame rect')?.getAttribute('fill'));
  const before = await fillOf();
  await page.evaluate(() => {
    document.body.className = 'vscode-dark';
    const link = document.querySelector('link[href*="theme-light"]') as HTMLLinkElement;
    link.href = link.href.replace('theme-light', 'theme-dark');
  });
  await page.waitForTimeout(300);
  const after = await fillOf();
  check(before !== after, `theme switch recolours frames (${before} -> ${after})`);
  await shot(view, 'switched-to-dark');
}

async function darkOnlyChecks(view: FlamegraphPage, profile: Profile): Promise<void> {
  const page = view.page;
  // The toolbar's web components render under the strict CSP (constructable stylesheets).
  const styled = await page.evaluate(() =>
    ['vscode-textfield', 'vscode-single-select', 'vscode-button', 'vscode-checkbox'].map((tag) => {
      const e = document.querySelector(tag);
      return `${tag}:${e?.shadowRoot?.adoptedStyleSheets.length ?? 0}:${Math.round(e?.getBoundingClientRect().height ?? 0)}`;
    }),
  );
  check(styled.every((s) => !s.includes(':0')), `vscode-elements styled and sized: ${styled.join(' ')}`);

  // Clear the search, then the hostile frame: zoom into it so its whole label is drawn.
  await page.locator('vscode-textfield.flame-search').click();
  await page.keyboard.press('Control+A');
  const cleared = view.waitFor('rendered');
  await page.keyboard.press('Backspace');
  await cleared;
  const box = await frameBox(view, HOSTILE_NAME);
  check(box !== null, 'hostile frame is drawn');
  if (box) {
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await page.waitForTimeout(600);
    const after = await frameBox(view, HOSTILE_NAME);
    if (after) await page.mouse.move(after.x + after.width / 2, after.y + after.height / 2);
    await page.waitForTimeout(100);
  }
  const xss = await page.evaluate((n) => {
    const g = [...document.querySelectorAll('g.frame')].find((x) => x.getAttribute('name') === n);
    return {
      label: g?.querySelector('.d3-flame-graph-label')?.textContent,
      tooltip: document.querySelector('.flame-tooltip-name')?.textContent,
      crumb: document.querySelector('.flame-crumb.current')?.textContent,
      images: document.querySelectorAll('img').length,
    };
  }, HOSTILE_NAME);
  check(xss.label === HOSTILE_NAME && xss.tooltip === HOSTILE_NAME && xss.crumb === HOSTILE_NAME && xss.images === 0, `hostile name shown as text in graph, tooltip and breadcrumb: ${JSON.stringify(xss)}`);
  await shot(view, 'xss-frame-dark');

  // Context menu on the frame: Copy Name / Zoom / Go to Source.
  const frame = await frameBox(view, HOSTILE_NAME);
  if (frame) await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2, { button: 'right' });
  const items = await page.locator('.flame-menu-item').allTextContents();
  check(items.join('|') === 'Go to Source|Zoom|Copy Name', `context menu: ${items.join(', ')}`);
  await shot(view, 'context-menu-dark');
  const open = view.waitFor('openFrame');
  await page.locator('.flame-menu-item', { hasText: 'Go to Source' }).click();
  const opened = await open;
  check(opened.name === HOSTILE_NAME && opened.kind === 'user', `Go to Source posts openFrame ${JSON.stringify(opened)}`);

  // Ctrl+click posts openFrame and does not zoom.
  const hot = await frameBox(view, 'escapeXML /app/node_modules/ejs/lib/utils.js:100:3');
  if (hot) {
    const ctrlOpen = view.waitFor('openFrame');
    await page.keyboard.down('Control');
    await page.mouse.click(hot.x + hot.width / 2, hot.y + hot.height / 2);
    await page.keyboard.up('Control');
    const msg = await ctrlOpen;
    check(msg.name.startsWith('escapeXML'), `Ctrl+click posts openFrame for ${msg.name}`);
  }

  // Escape resets the zoom.
  const zoomReset = view.waitFor('stateChanged');
  await page.keyboard.press('Escape');
  const st = await zoomReset;
  check(st.state.zoomPath.length === 0, 'Escape resets zoom');

  // `/` jumps to the search box from anywhere else.
  await page.mouse.click(600, 620);
  await page.keyboard.press('/');
  const active = await page.evaluate(() => document.activeElement?.tagName);
  check(active === 'VSCODE-TEXTFIELD', `/ focuses the search box (${active})`);

  // The pod dropdown lists the hostile pod as text.
  await page.waitForTimeout(ZOOM_SETTLE_MS);
  await page.locator('vscode-single-select.flame-scope-pod').click();
  await page.waitForTimeout(200);
  const podLabels = await page.evaluate(() => {
    const sel = document.querySelector('vscode-single-select.flame-scope-pod');
    return [...(sel?.shadowRoot?.querySelectorAll('.option') ?? [])].map((o) => o.textContent?.trim());
  });
  check(podLabels.some((l) => l?.startsWith(HOSTILE_POD)), `pod dropdown shows the hostile pod as text: ${podLabels.join(' | ')}`);
  await shot(view, 'pod-filter-dark');

  // Choosing a namespace asks the host for a new tree.
  await page.keyboard.press('Escape');
  const setFilters = view.waitFor('setFilters');
  await page.locator('vscode-single-select.flame-scope-namespace').click();
  await page.waitForTimeout(200);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const f = await setFilters;
  check(f.filters.namespace === 'default', `namespace choice posts setFilters ${JSON.stringify(f.filters)}`);
  const refiltered = view.waitFor('rendered');
  await view.post(profileMessage(profile, f.filters));
  const r = await refiltered;
  check(r.rootValue === filterProfile(profile, f.filters).totalSamples, `filtered tree drawn: ${r.rootValue} samples`);
  await shot(view, 'namespace-default-dark');

  // Focus a function (CodeLens click): zooms to its widest frame.
  const focused = view.waitFor('stateChanged');
  await view.post({ type: 'focusFunction', name: 'main.callManipulate' });
  const fs = await focused;
  check(fs.state.zoomPath.at(-1) === 'main.callManipulate', `focusFunction zooms to ${fs.state.zoomPath.join(' > ')}`);
  await page.mouse.move(1, 1);
  await page.waitForTimeout(ZOOM_SETTLE_MS);
  await shot(view, 'focus-function-dark');

  // Inverted. The redraw can be reported before click() returns: wait for it from before the click.
  const inverted = view.waitFor('rendered');
  await page.locator('vscode-checkbox').click();
  await inverted;
  await page.waitForTimeout(ZOOM_SETTLE_MS);
  await shot(view, 'inverted-dark');

  // Filters that leave no samples: a clear message, and the filters stay to widen again.
  const none = view.waitFor('rendered');
  await view.post(profileMessage(profile, { namespace: 'default', pod: 'web-5f6d7c8b9-p9q8r', container: 'admin' }));
  const zero = await none;
  const shownState = await page.evaluate(() => ({
    status: document.querySelector('.flame-status-message')?.textContent,
    frames: document.querySelectorAll('g.frame').length,
    selects: [...document.querySelectorAll('vscode-single-select')].filter((e) => !(e as HTMLElement).hidden).length,
  }));
  check(zero.rootValue === 0 && shownState.frames === 0 && shownState.selects === 3 && /No samples match/.test(shownState.status ?? ''), `filters leaving nothing: ${JSON.stringify(shownState)}`);
  await shot(view, 'no-samples-dark');

  // Empty and error states leave no graph behind.
  await view.post({ type: 'empty', message: 'No samples for namespace "default" in the last 5 minutes.' });
  await page.waitForTimeout(100);
  check((await page.locator('g.frame').count()) === 0, 'empty state shows no stale graph');
  await shot(view, 'empty-dark');
  await view.post({ type: 'error', message: 'Cannot reach the Pixie cluster at 127.0.0.1:51234 (connection refused). Start the port-forward and refresh.' });
  await page.waitForTimeout(100);
  await shot(view, 'error-dark');
  await view.post({ type: 'loading', message: 'Loading cluster · 5m…' });
  await page.waitForTimeout(100);
  await shot(view, 'loading-dark');
  void profile;
}

main().catch((err) => {
  console.error(`screenshots: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
