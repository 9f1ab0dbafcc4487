import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { Bitmap } from '../libs/labels';

/**
 * Reads the barcodes of a picture of dots with ZXing, as a hand scanner would: for each format the
 * whole picture, then for a Data Matrix (ZXing's detector loses one among text and bars) square
 * windows of it, top to bottom and left to right, until one is found.
 */
export function readBarcodes(
  bitmap: Bitmap,
  formats: BarcodeFormat[] = [BarcodeFormat.CODE_128, BarcodeFormat.DATA_MATRIX],
): { format: BarcodeFormat; text: string }[] {
  const found = new Map<string, { format: BarcodeFormat; text: string }>();
  for (const format of formats) {
    for (const window of windows(bitmap, format)) {
      const result = readOne(bitmap, window, format);
      if (result) {
        found.set(`${format}:${result.text}`, result);
        break;
      }
    }
  }
  return [...found.values()];
}

interface Window {
  x: number;
  y: number;
  width: number;
  height: number;
}

function* windows(bitmap: Bitmap, format: BarcodeFormat): Generator<Window> {
  yield { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  if (format !== BarcodeFormat.DATA_MATRIX) return;
  // a Data Matrix's finder: a solid left edge and a solid bottom edge of the same length, meeting at a corner
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < bitmap.width && y < bitmap.height && bitmap.dots[y * bitmap.width + x] === 1;
  for (let x = 0; x < bitmap.width; x += 1) {
    let top = -1;
    for (let y = 0; y <= bitmap.height; y += 1) {
      if (top < 0) {
        if (dark(x, y)) top = y;
        continue;
      }
      if (!dark(x, y)) {
        const side = y - top;
        if (side >= 40 && !dark(x - 1, top + (side >> 1))) {
          let length = 0;
          while (dark(x + length, y - 1)) length += 1;
          if (Math.abs(length - side) <= side / 10) {
            const margin = Math.max(4, Math.round(side / 10));
            yield {
              x: Math.max(0, x - margin),
              y: Math.max(0, top - margin),
              width: Math.min(bitmap.width - Math.max(0, x - margin), length + 2 * margin),
              height: Math.min(bitmap.height - Math.max(0, top - margin), side + 2 * margin),
            };
          }
        }
        top = -1;
      }
    }
  }
}

function readOne(bitmap: Bitmap, window: Window, format: BarcodeFormat): { format: BarcodeFormat; text: string } | null {
  const quiet = 16;
  const width = window.width + 2 * quiet;
  const height = window.height + 2 * quiet;
  const luminance = new Uint8ClampedArray(width * height).fill(255);
  for (let row = 0; row < window.height; row += 1) {
    for (let column = 0; column < window.width; column += 1) {
      if (bitmap.dots[(window.y + row) * bitmap.width + window.x + column]) luminance[(row + quiet) * width + column + quiet] = 0;
    }
  }
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format]],
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.PURE_BARCODE, false],
  ]);
  try {
    // the hints go with decode(): given to setHints() alone they are reset, and every format is tried
    const result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))), hints);
    return result.getBarcodeFormat() === format ? { format, text: result.getText() } : null;
  } catch {
    // not there, or not readable here: the caller says what it expected
    return null;
  }
}

/** Luminance of a grayscale or colour PNG's pixels (pngjs RGBA), as dots: dark where below one half. */
export function bitmapOfRgba(width: number, height: number, rgba: Uint8Array): Bitmap {
  const dots = new Uint8Array(width * height);
  for (let index = 0; index < width * height; index += 1) {
    const [red, green, blue] = [rgba[index * 4], rgba[index * 4 + 1], rgba[index * 4 + 2]];
    dots[index] = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128 ? 1 : 0;
  }
  return { width, height, dots };
}
