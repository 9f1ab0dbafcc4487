import { PNG } from 'pngjs';
import { Bitmap, drawLabel } from './bitmap';
import { LabelLayout } from './layout';

/** The label as a black-and-white PNG at the printer's resolution: one pixel a dot. */
export function renderPng(layout: LabelLayout): Buffer {
  return encodePng(drawLabel(layout));
}

/** Dots as a grayscale PNG: black where a dot is on. */
export function encodePng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const pixels = Buffer.alloc(bitmap.width * bitmap.height, 0xff);
  for (let index = 0; index < bitmap.dots.length; index += 1) if (bitmap.dots[index]) pixels[index] = 0;
  png.data = pixels;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 6 });
}
