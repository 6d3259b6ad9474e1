import assert from 'node:assert/strict';
import { FRAME_KINDS } from '../../../src/core/frameKind';
import { contrastRatio, parseHex } from '../../../webview/color';
import { fillAt, frameFill, labelColor, nameVariation, ThemeKind } from '../../../webview/framePalette';

const THEMES: ThemeKind[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

describe('frame colours', () => {
  for (const theme of THEMES) {
    const minimum = theme.startsWith('high-contrast') ? 7 : 4.5;
    it(`keeps labels readable (contrast >= ${minimum}) on every fill in the ${theme} theme`, () => {
      const text = parseHex(labelColor(theme));
      for (const kind of FRAME_KINDS) {
        for (const emphasis of ['normal', 'faded', 'focused'] as const) {
          for (const variation of [-1, 0, 1]) {
            const fill = fillAt(kind, theme, emphasis, variation);
            const ratio = contrastRatio(text, parseHex(fill));
            assert.ok(ratio >= minimum, `${theme} ${kind} ${emphasis} ${variation}: ${fill} gives ${ratio.toFixed(2)}`);
          }
        }
      }
    });

    it(`tells the kinds apart and recedes faded frames in the ${theme} theme`, () => {
      const fills = FRAME_KINDS.map((k) => fillAt(k, theme, 'normal', 0));
      assert.equal(new Set(fills).size, FRAME_KINDS.length);
      const focused = fillAt('user', theme, 'focused', 0);
      assert.ok(!fills.includes(focused));
      for (const kind of FRAME_KINDS) {
        // Faded frames are close to grey: their channels spread less than the kind's own colour.
        const spread = (hex: string) => Math.max(...parseHex(hex)) - Math.min(...parseHex(hex));
        if (kind !== 'unsymbolized') assert.ok(spread(fillAt(kind, theme, 'faded', 0)) < spread(fillAt(kind, theme, 'normal', 0)) / 2, kind);
      }
    });
  }

  it('uses Pixie\'s hues in the light theme', () => {
    assert.equal(fillAt('k8s', 'light', 'normal', 0), '#4796c1');
    assert.equal(fillAt('user', 'light', 'normal', 0), '#31d0f3');
    assert.equal(fillAt('kernel', 'light', 'normal', 0), '#98df8a');
  });

  it('gives a function the same shade on every redraw, and neighbours different ones', () => {
    assert.equal(frameFill('user', 'main.listHats', 'dark'), frameFill('user', 'main.listHats', 'dark'));
    assert.notEqual(frameFill('user', 'main.listHats', 'dark'), frameFill('user', 'main.generatePreviews', 'dark'));
    for (const name of ['a', 'main.(*AdminHandler).ServeHTTP', '[k] tcp_sendmsg', '']) {
      const v = nameVariation(name);
      assert.ok(v >= -1 && v <= 1, `${name}: ${v}`);
    }
  });
});
