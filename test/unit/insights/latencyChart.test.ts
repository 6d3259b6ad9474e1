// The hover's latency chart: a valid SVG whose lines follow the data, with names as text.
import * as assert from 'node:assert/strict';
import { formatMs, latencyChartSvg } from '../../../src/core/latencyChart';

const points = [0, 1, 2, 3].map((i) => ({ timeMs: 1_700_000_000_000 + i * 10_000, p50Ms: 100 * (i + 1), p90Ms: 150 * (i + 1), p99Ms: 200 * (i + 1), requestsPerSecond: 2, errorRate: 0 }));

describe('latencyChartSvg', () => {
  it('draws p50 and p99 paths scaled to the largest p99', () => {
    const svg = latencyChartSvg(points, 'GET /admin latency', { width: 300, height: 100 });
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(paths.length, 2);
    for (const d of paths) assert.equal(d.split(/[ML]/).filter(Boolean).length, points.length);
    // The axis label is the max p99: 800 ms.
    assert.match(svg, />800 ms</);
    // The p99 line's last point touches the top of the plot; p50's sits at half height.
    const lastY = (d: string) => Number(d.split('L').pop()!.split(',')[1]);
    assert.ok(lastY(paths[0]) < lastY(paths[1]));
  });

  it('escapes names so a hostile title stays text', () => {
    const svg = latencyChartSvg(points, '<img src=x onerror=alert(1)>');
    assert.ok(!svg.includes('<img'));
    assert.match(svg, /&#60;img src=x onerror=alert\(1\)&#62;/);
  });

  it('says so when there are no requests', () => {
    assert.match(latencyChartSvg([], 'empty'), /no requests in the window/);
  });

  it('formats milliseconds and seconds as people read them', () => {
    assert.equal(formatMs(2.345), '2.3 ms');
    assert.equal(formatMs(85.4), '85 ms');
    assert.equal(formatMs(1234), '1.2 s');
    assert.equal(formatMs(12_500), '13 s');
  });
});
