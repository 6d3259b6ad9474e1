// Gives a fresh database a few pending hats, drawn with jimp, so the admin page has work on first start.

import { drawHat, hatStyle } from '../shared/hatArt';
import type { HatStore } from './store';

export async function seedHats(store: HatStore, count = 4): Promise<void> {
  if (store.count() > 0) return;
  for (let seed = 1; seed <= count; seed++) {
    store.add(`${hatStyle(seed)} #${seed}`, await drawHat(seed));
  }
}
