// Benchmark: time for the flamegraph webview to draw a pruned ~200k-unique-stack cluster profile in headless Chromium (target < 1.5 s).

import { buildFlameTree, countNodes } from '../src/core/flameTree';
import { pruneTree } from '../src/core/prune';
import { scopeFacets } from '../src/core/scope';
import { generateClusterProfile } from '../test/webview-harness/generatedProfile';
import { startHarness } from '../test/webview-harness/harness';
import type { HostToWebview } from '../webview/protocol';

export const FIRST_PAINT_TARGET_MS = 1500;

export interface PaintCase {
  label: string;
  minFraction: number;
  maxNodes?: number;
}

export interface PaintResult {
  label: string;
  treeNodes: number;
  sentNodes: number;
  prunedNodes: number;
  drawnFrames: number;
  messageBytes: number;
  /** From posting the message until the webview reported the painted draw (page clock). */
  firstPaintMs: number[];
  /** The webview's own measure, from receiving the message to the painted frame. */
  drawMs: number[];
  /** Clicking the widest frame below the root until the zoomed graph is painted. */
  zoomMs: number[];
}

const CASES: PaintCase[] = [
  { label: 'host default (1/4000, cap 20k nodes)', minFraction: 1 / 4000, maxNodes: 20_000 },
  { label: 'minFraction 1/2000', minFraction: 1 / 2000 },
  { label: 'dense: cap 20k nodes', minFraction: 1 / 500_000, maxNodes: 20_000 },
];

export async function measureWebviewPaint(runs = 3): Promise<{ uniqueStacks: number; samples: number; results: PaintResult[] }> {
  const profile = generateClusterProfile(200_000);
  const full = buildFlameTree(profile);
  const treeNodes = countNodes(full);
  const harness = await startHarness();
  const results: PaintResult[] = [];
  try {
    for (const c of CASES) {
      const pruned = pruneTree(full, { minFraction: c.minFraction, maxNodes: c.maxNodes });
      const message: HostToWebview = {
        type: 'profile',
        tree: pruned.root,
        facets: scopeFacets(profile),
        filters: {},
        summary: {
          title: 'generated cluster · 5m',
          totalSamples: profile.totalSamples,
          scopedSamples: profile.totalSamples,
          nodeCount: pruned.nodeCount,
          prunedNodes: pruned.prunedNodes,
          sampleIntervalMs: 10,
        },
      };
      const result: PaintResult = {
        label: c.label,
        treeNodes,
        sentNodes: pruned.nodeCount,
        prunedNodes: pruned.prunedNodes,
        drawnFrames: 0,
        messageBytes: Buffer.byteLength(JSON.stringify(message)),
        firstPaintMs: [],
        drawMs: [],
        zoomMs: [],
      };
      for (let i = 0; i < runs; i++) {
        const view = await harness.open('dark', { width: 1600, height: 900 });
        try {
          const rendered = view.waitFor('rendered');
          const postedAt = await view.post(message);
          const report = await rendered;
          const renderedAt = await view.postedAt('rendered');
          if (report.nodeCount !== pruned.nodeCount || report.rootValue !== profile.totalSamples) {
            throw new Error(`webview drew ${report.nodeCount} nodes / ${report.rootValue} samples, expected ${pruned.nodeCount} / ${profile.totalSamples}`);
          }
          result.firstPaintMs.push(Math.round(renderedAt! - postedAt));
          result.drawMs.push(report.drawMs);
          result.drawnFrames = await view.page.locator('g.frame').count();
          result.zoomMs.push(await view.page.evaluate(clickToZoom));
          const security = await view.securityReport();
          if (security.cspViolations.length || view.pageErrors.length) {
            throw new Error(`webview problems: ${[...security.cspViolations, ...view.pageErrors].join('; ')}`);
          }
        } finally {
          await view.close();
        }
      }
      results.push(result);
    }
  } finally {
    await harness.close();
  }
  return { uniqueStacks: profile.stacks.length, samples: profile.totalSamples, results };
}

/** Runs in the page: clicks the frame at depth 1 with the most width, and waits for the painted result. */
function clickToZoom(): Promise<number> {
  const frames = [...document.querySelectorAll('g.frame')] as (SVGGElement & { __data__: { depth: number } })[];
  const target = frames.filter((g) => g.__data__.depth === 1).sort((a, b) => Number(b.getAttribute('width')) - Number(a.getAttribute('width')))[0];
  const started = performance.now();
  target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(Math.round(performance.now() - started)))));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const started = Date.now();
  const { uniqueStacks, samples, results } = await measureWebviewPaint();
  console.log(`webview first paint: generated profile with ${uniqueStacks.toLocaleString('en-US')} unique stacks, ${samples.toLocaleString('en-US')} samples`);
  let ok = true;
  for (const r of results) {
    const med = median(r.firstPaintMs);
    const pass = med < FIRST_PAINT_TARGET_MS;
    ok &&= pass;
    console.log(
      `  ${r.label}: tree ${r.treeNodes.toLocaleString('en-US')} nodes -> sent ${r.sentNodes.toLocaleString('en-US')} ` +
        `(${r.prunedNodes.toLocaleString('en-US')} pruned, ${(r.messageBytes / 1e6).toFixed(1)} MB as JSON), drawn ${r.drawnFrames.toLocaleString('en-US')} frames; ` +
        `first paint ${r.firstPaintMs.join(' / ')} ms (median ${med} ms, webview drawMs ${r.drawMs.join(' / ')}), zoom ${r.zoomMs.join(' / ')} ms ` +
        `${pass ? 'PASS' : 'FAIL'} (< ${FIRST_PAINT_TARGET_MS} ms)`,
    );
  }
  console.log(`  (bench took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`webviewPaint: ${(err as Error).message}`);
    process.exitCode = 1;
  });
}
