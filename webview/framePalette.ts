// Frame colours per kind and theme: k8s dark blue, user light blue, kernel green, Java amber, unsymbolized grey.

import type { FrameKind } from '../src/core/frameKind';
import { greyOfLuminance, mix, parseHex, relativeLuminance, Rgb, shade, toHex } from './color';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** How a frame is drawn: normally, receded (outside the search or above the zoom), or as the focused function. */
export type FrameEmphasis = 'normal' | 'faded' | 'focused';

interface Palette {
  fills: Record<FrameKind, string>;
  /** Label colour; every fill (with its per-name variation) is chosen to keep it readable. */
  text: string;
  focused: string;
  /** Largest share of white (+) or black (-) mixed in per name, so neighbours are told apart. */
  variation: number;
  /** Luminance of the grey a faded frame recedes to, and how much of its own hue it keeps. */
  fadedLuminance: (own: number) => number;
  fadedTint: number;
}

// Hues follow Pixie's flamegraph (k8s #4796c1, user #31d0f3, kernel #98df8a); the dark and
// high-contrast variants are tuned so that black labels keep WCAG AA (AAA in high contrast).
const PALETTES: Record<ThemeKind, Palette> = {
  light: {
    fills: { k8s: '#4796c1', user: '#31d0f3', kernel: '#98df8a', java: '#e8a94f', unsymbolized: '#b4b4b4' },
    text: '#000000',
    focused: '#f27fe0',
    variation: 0.1,
    fadedLuminance: (own) => Math.max(0.62, own),
    fadedTint: 0.12,
  },
  dark: {
    fills: { k8s: '#4f93bb', user: '#2bb8d8', kernel: '#86c979', java: '#d49a47', unsymbolized: '#9e9e9e' },
    text: '#000000',
    focused: '#e77ad6',
    variation: 0.08,
    fadedLuminance: () => 0.2,
    fadedTint: 0.12,
  },
  'high-contrast': {
    fills: { k8s: '#6cb6e4', user: '#5ee0ff', kernel: '#a8f09a', java: '#ffbf66', unsymbolized: '#c8c8c8' },
    text: '#000000',
    focused: '#ff9cf0',
    variation: 0.06,
    fadedLuminance: () => 0.32,
    fadedTint: 0.1,
  },
  'high-contrast-light': {
    fills: { k8s: '#6cb6e4', user: '#5ee0ff', kernel: '#a8f09a', java: '#ffbf66', unsymbolized: '#c8c8c8' },
    text: '#000000',
    focused: '#ff9cf0',
    variation: 0.06,
    fadedLuminance: (own) => Math.max(0.7, own),
    fadedTint: 0.1,
  },
};

export function labelColor(theme: ThemeKind): string {
  return PALETTES[theme].text;
}

/** A stable number in [-1, 1] from a frame name, so a function keeps its shade across redraws. */
export function nameVariation(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

export function frameFill(kind: FrameKind, name: string, theme: ThemeKind, emphasis: FrameEmphasis = 'normal'): string {
  return fillAt(kind, theme, emphasis, nameVariation(name));
}

/** The fill for a given per-name variation in [-1, 1]; the extremes are what contrast checks test. */
export function fillAt(kind: FrameKind, theme: ThemeKind, emphasis: FrameEmphasis, variation: number): string {
  const p = PALETTES[theme];
  if (emphasis === 'focused') return p.focused;
  const base = shade(parseHex(p.fills[kind] ?? p.fills.user), p.variation * variation);
  return toHex(emphasis === 'faded' ? fade(base, p) : base);
}

function fade(rgb: Rgb, p: Palette): Rgb {
  const grey = greyOfLuminance(p.fadedLuminance(relativeLuminance(rgb)));
  return mix(grey, rgb, p.fadedTint);
}
