// Draws small hat pictures as real PNGs (for the first-start seed and for the load generator's uploads).

import { Jimp, rgbaToInt } from 'jimp';

const STYLES = ['top hat', 'party hat', 'beanie', 'cowboy hat'] as const;
export type HatStyle = (typeof STYLES)[number];

export function hatStyle(seed: number): HatStyle {
  return STYLES[Math.abs(seed) % STYLES.length];
}

/** A 160x120 PNG with a transparent background; the seed picks the style and colours. */
export async function drawHat(seed: number): Promise<Buffer> {
  const width = 160;
  const height = 120;
  const image = new Jimp({ width, height, color: 0x00000000 });
  const style = hatStyle(seed);
  const r = 60 + ((seed * 67) % 180);
  const g = 40 + ((seed * 131) % 180);
  const b = 50 + ((seed * 29) % 180);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!insideHat(style, x, y)) continue;
      const stripe = style === 'party hat' && Math.floor((x + y) / 10) % 2 === 0;
      const band = style === 'top hat' && y > 70 && y < 82;
      const shade = 1 - y / (height * 3);
      const color = band ? rgbaToInt(30, 30, 30, 255) : stripe ? rgbaToInt(250, 230, 90, 255) : rgbaToInt(Math.round(r * shade), Math.round(g * shade), Math.round(b * shade), 255);
      image.setPixelColor(color, x, y);
    }
  }
  return image.getBuffer('image/png');
}

function insideHat(style: HatStyle, x: number, y: number): boolean {
  const cx = 80;
  switch (style) {
    case 'top hat':
      return (y >= 95 && y < 110 && Math.abs(x - cx) < 70) || (y >= 15 && y < 95 && Math.abs(x - cx) < 40);
    case 'party hat':
      return y >= 10 && y < 110 && Math.abs(x - cx) < (y - 10) * 0.45;
    case 'beanie':
      return (y >= 40 && y < 110 && (x - cx) ** 2 / 60 ** 2 + (y - 110) ** 2 / 70 ** 2 < 1) || (x - cx) ** 2 + (y - 30) ** 2 < 144;
    case 'cowboy hat':
      return (y >= 85 && y < 105 && Math.abs(x - cx) < 75 - Math.abs(y - 95)) || (y >= 35 && y < 90 && Math.abs(x - cx) < 35 + (y - 35) * 0.2 && !(y < 50 && Math.abs(x - cx) < 6));
  }
}
