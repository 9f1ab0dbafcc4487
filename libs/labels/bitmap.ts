import { LabelLayout, LabelElement } from './layout';
import { glyph } from './text';

/** A label as printer dots, one byte a dot (1 = black), row by row. */
export interface Bitmap {
  width: number;
  height: number;
  dots: Uint8Array;
}

export function fillRect(bitmap: Bitmap, x: number, y: number, width: number, height: number): void {
  const right = Math.min(bitmap.width, x + width);
  const bottom = Math.min(bitmap.height, y + height);
  for (let row = Math.max(0, y); row < bottom; row += 1) bitmap.dots.fill(1, row * bitmap.width + Math.max(0, x), row * bitmap.width + right);
}

/** Draws a label's layout into dots: what a raster printer prints, and what the PNG preview shows. */
export function drawLabel(layout: LabelLayout): Bitmap {
  const bitmap: Bitmap = { width: layout.width, height: layout.height, dots: new Uint8Array(layout.width * layout.height) };
  for (const element of layout.elements) drawElement(bitmap, element);
  return bitmap;
}

export function drawElement(bitmap: Bitmap, element: LabelElement): void {
  switch (element.type) {
    case 'code128': {
      let x = element.x;
      element.symbol.runs.forEach((run, index) => {
        if (index % 2 === 0) fillRect(bitmap, x, element.y, run * element.module, element.height);
        x += run * element.module;
      });
      return;
    }
    case 'datamatrix': {
      const { columns, rows, dark } = element.symbol;
      for (let row = 0; row < rows; row += 1) {
        for (let column = 0; column < columns; column += 1) {
          if (dark[row * columns + column])
            fillRect(bitmap, element.x + column * element.module, element.y + row * element.module, element.module, element.module);
        }
      }
      return;
    }
    case 'text':
      drawText(bitmap, element.x, element.y, element.size, element.text);
      return;
  }
}

/** Text at (x, y) as the top of its line, each glyph's coverage cut at one half: a thermal dot is on or off. */
export function drawText(bitmap: Bitmap, x: number, y: number, size: number, text: string): void {
  const baseline = y + Math.round(size * 0.8);
  let penX = x;
  for (const character of text) {
    const shape = glyph(character, size);
    const left = penX + shape.left;
    const top = baseline - shape.top;
    for (let row = 0; row < shape.height; row += 1) {
      const targetRow = top + row;
      if (targetRow < 0 || targetRow >= bitmap.height) continue;
      for (let column = 0; column < shape.width; column += 1) {
        const targetColumn = left + column;
        if (targetColumn >= 0 && targetColumn < bitmap.width && shape.pixels[row * shape.width + column] >= 128)
          bitmap.dots[targetRow * bitmap.width + targetColumn] = 1;
      }
    }
    penX += shape.advance;
  }
}

/** Packs dots eight to a byte, most significant first, as ESC/POS and ZPL graphics take them. */
export function packRows(bitmap: Bitmap): { bytesPerRow: number; data: Buffer } {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const data = Buffer.alloc(bytesPerRow * bitmap.height);
  for (let row = 0; row < bitmap.height; row += 1) {
    for (let column = 0; column < bitmap.width; column += 1) {
      if (bitmap.dots[row * bitmap.width + column]) data[row * bytesPerRow + (column >> 3)] |= 0x80 >> (column & 7);
    }
  }
  return { bytesPerRow, data };
}
