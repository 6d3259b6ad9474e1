// The image work behind a hat preview: a sample head wearing the hat, tilted, as a PNG (pure-JS jimp, so it costs real CPU).

import { Jimp, JimpInstance, rgbaToInt } from 'jimp';

const PREVIEW_SIZE = 360;

export interface PreviewOptions {
  /** Tilt of the hat in degrees. */
  rotate: number;
}

/** Renders the preview for one hat picture (PNG in, PNG out). */
export async function renderPreview(hatPng: Buffer, options: PreviewOptions): Promise<Buffer> {
  const hat = await decodeHat(hatPng);
  const sample = drawSampleHead();
  placeHat(sample, hat, options.rotate);
  return encodePreview(sample);
}

async function decodeHat(png: Buffer): Promise<JimpInstance> {
  try {
    return (await Jimp.read(png)) as JimpInstance;
  } catch (err) {
    throw new PreviewInputError(`the hat picture is not a readable image: ${(err as Error).message}`);
  }
}

/** A plain head-and-shoulders drawing the hat is tried on. */
function drawSampleHead(): JimpInstance {
  const size = PREVIEW_SIZE;
  const image = new Jimp({ width: size, height: size, color: 0xeef3f8ff });
  const skin = rgbaToInt(236, 200, 170, 255);
  const shirt = rgbaToInt(70, 110, 170, 255);
  const cx = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const head = (x - cx) ** 2 / 85 ** 2 + (y - 200) ** 2 / 105 ** 2 < 1;
      const shoulders = y > 300 && Math.abs(x - cx) < 60 + (y - 300) * 2.5;
      if (head) image.setPixelColor(skin, x, y);
      else if (shoulders) image.setPixelColor(shirt, x, y);
    }
  }
  return image;
}

function placeHat(sample: JimpInstance, hat: JimpInstance, degrees: number): void {
  hat.resize({ w: 240 });
  if (degrees !== 0) hat.rotate(degrees);
  sample.composite(hat, (sample.width - hat.width) / 2, 110 - hat.height);
  sample.blur(1);
}

async function encodePreview(image: JimpInstance): Promise<Buffer> {
  return image.getBuffer('image/png');
}

/** The request's picture was bad: a 4xx, not the service's fault. */
export class PreviewInputError extends Error {}
