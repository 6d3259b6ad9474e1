import assert from 'node:assert/strict';
import { contrastRatio, greyOfLuminance, mix, parseHex, relativeLuminance, shade, toHex } from '../../../webview/color';

describe('webview colour arithmetic', () => {
  it('reads and writes #rrggbb', () => {
    assert.deepEqual(parseHex('#4796c1'), [0x47, 0x96, 0xc1]);
    assert.equal(toHex(parseHex('#31D0F3')), '#31d0f3');
    assert.throws(() => parseHex('blue'), /Not a #rrggbb colour: blue/);
  });

  it('computes WCAG contrast as the spec defines it', () => {
    assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
    assert.equal(contrastRatio([128, 128, 128], [128, 128, 128]), 1);
    // WebAIM's checker gives 4.54 for #767676 on white.
    assert.equal(contrastRatio(parseHex('#767676'), [255, 255, 255]).toFixed(2), '4.54');
  });

  it('finds the grey of a given luminance', () => {
    for (const l of [0.05, 0.2, 0.5, 0.9]) assert.ok(Math.abs(relativeLuminance(greyOfLuminance(l)) - l) < 0.01);
  });

  it('mixes and shades towards white or black', () => {
    assert.equal(toHex(mix([0, 0, 0], [255, 255, 255], 0.5)), '#808080');
    assert.ok(relativeLuminance(shade(parseHex('#4796c1'), 0.2)) > relativeLuminance(parseHex('#4796c1')));
    assert.ok(relativeLuminance(shade(parseHex('#4796c1'), -0.2)) < relativeLuminance(parseHex('#4796c1')));
  });
});
