import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { Bitmap } from '../libs/labels';

/**
 * Reads the barcodes of a picture of dots with ZXing, as a hand scanner would: the whole picture,
 * then (for a label with several symbols) each horizontal band of it.
 */
export function readBarcodes(
  bitmap: Bitmap,
  formats: BarcodeFormat[] = [BarcodeFormat.CODE_128, BarcodeFormat.DATA_MATRIX],
): { format: BarcodeFormat; text: string }[] {
  const quiet = 16;
  const width = bitmap.width + 2 * quiet;
  const height = bitmap.height + 2 * quiet;
  const luminance = new Uint8ClampedArray(width * height).fill(255);
  for (let row = 0; row < bitmap.height; row += 1) {
    for (let column = 0; column < bitmap.width; column += 1) {
      if (bitmap.dots[row * bitmap.width + column]) luminance[(row + quiet) * width + column + quiet] = 0;
    }
  }
  const found = new Map<string, { format: BarcodeFormat; text: string }>();
  for (const format of formats) {
    const reader = new MultiFormatReader();
    reader.setHints(
      new Map<DecodeHintType, unknown>([
        [DecodeHintType.POSSIBLE_FORMATS, [format]],
        [DecodeHintType.TRY_HARDER, true],
        [DecodeHintType.PURE_BARCODE, false],
      ]),
    );
    try {
      const result = reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))));
      found.set(`${format}:${result.getText()}`, { format, text: result.getText() });
    } catch {
      // not there, or not readable: the caller says what it expected
    }
  }
  return [...found.values()];
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
