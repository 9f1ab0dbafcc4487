import { crc32, deflateSync } from 'node:zlib';
import { Bitmap, drawLabel } from './bitmap';
import { LabelLayout } from './layout';

/** The label as a black-and-white PNG at the printer's resolution: one pixel a dot. */
export function renderPng(layout: LabelLayout): Buffer {
  return encodePng(drawLabel(layout));
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Dots as a 1-bit grayscale PNG (black where a dot is on). Written here because pngjs writes
 * 8 and 16-bit images only: eight times the pixels to filter and deflate for a two-tone label.
 */
export function encodePng(bitmap: Bitmap): Buffer {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  // each row: filter type 0, then the pixels, eight a byte, most significant first; 1 is white
  const raw = Buffer.alloc((bytesPerRow + 1) * bitmap.height, 0xff);
  for (let row = 0; row < bitmap.height; row += 1) {
    const start = row * (bytesPerRow + 1);
    raw[start] = 0;
    for (let column = 0; column < bitmap.width; column += 1) {
      if (bitmap.dots[row * bitmap.width + column]) raw[start + 1 + (column >> 3)] &= ~(0x80 >> (column & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(bitmap.width, 0);
  header.writeUInt32BE(bitmap.height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, no filter method variants, not interlaced
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, check]);
}
