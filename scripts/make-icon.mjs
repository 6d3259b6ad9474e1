// Draws media/icon.png (the marketplace icon): flamegraph bars in the view's colours. Run once; the PNG is committed.
import { Jimp } from 'jimp';

const size = 128;
const img = new Jimp({ width: size, height: size, color: 0x1e1e1eff });
const bars = [
  [8, 100, 112, 0x4796c1ff],
  [8, 76, 72, 0x31d0f3ff],
  [84, 76, 36, 0x98df8aff],
  [8, 52, 48, 0x31d0f3ff],
  [60, 52, 20, 0x31d0f3ff],
  [14, 28, 28, 0x31d0f3ff],
];
for (const [x0, y0, w, color] of bars) {
  for (let x = x0; x < x0 + w; x++) for (let y = y0; y < y0 + 20; y++) img.setPixelColor(color, x, y);
}
await img.write('media/icon.png');
