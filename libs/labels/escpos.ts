import { ThermalPrinter, PrinterTypes, CharacterSet } from 'node-thermal-printer';
import { Bitmap, drawElement, packRows } from './bitmap';
import { Code128Element, DataMatrixElement, LabelLayout } from './layout';
import { printableText } from './printable';
import { fitColumns } from './text';

export type EscPosType = 'epson' | 'star';

/**
 * Asks the printer for its status after the labels. Epson: GS r 1 (paper sensors), answered in turn
 * once everything before it is processed, then DLE EOT 2 (why it is offline: cover open, paper
 * end, error), answered at once. Star: ESC ACK SOH, its automatic status.
 */
export const escPosStatusRequest: Record<EscPosType, Buffer> = {
  epson: Buffer.from([0x1d, 0x72, 0x01, 0x10, 0x04, 0x02]),
  star: Buffer.from([0x1b, 0x06, 0x01]),
};

/**
 * Labels as ESC/POS bytes for Epson or Star, through node-thermal-printer instances of this job
 * alone (their buffer is never cleared). Text has been put in code page 858 by the
 * layout and is cleaned again here, so no byte of it is a command. The Code 128 is the layout's
 * own symbol: on Epson the GS k command selects its very subsets (`{B…{C…`); Star Line Mode
 * documents no way to switch subsets inside a symbol, so a Star gets it as a raster image, as it
 * gets the Data Matrix (which not every model knows).
 */
export function renderEscPos(type: EscPosType, layouts: LabelLayout[], options: { askStatus?: boolean } = {}): Buffer {
  if (layouts.length === 0) throw new RangeError('a print job needs at least one label');
  // ESC @: initialise; each label then chooses the code page
  const parts: Buffer[] = [Buffer.from([0x1b, 0x40])];
  for (const layout of layouts) {
    // an instance a label (its buffer grows by copying, so one for a whole job costs the square of
    // the job's length); no interface: the print worker sends the bytes, and knows when they were read
    const printer = new ThermalPrinter({ type: type === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR, interface: '', width: 48 });
    // after the ESC @ that starts the job or that ends the last label's cut (the library believes in
    // its own page while the printer went back to its default: the emulator caught this)
    printer.setCharacterSet(CharacterSet.PC858_EURO);
    // font A is 12 dots wide at 203 dpi, and as wide in millimetres at other resolutions
    const columns = Math.floor(layout.width / Math.round((12 * layout.media.dpi) / 203));
    const println = (text: string) => printer.println(fitColumns(printableText(text), columns));
    printer.alignLeft();
    for (const element of layout.elements) {
      switch (element.type) {
        case 'code128':
          printer.alignCenter();
          if (type === 'epson') printer.add(epsonCode128(element));
          else {
            // as wide as the print area, the symbol where the layout put it: its quiet zones are in the image
            printer.alignLeft();
            printer.add(raster(type, element, layout.width));
            printer.alignCenter();
            println(element.data);
          }
          printer.alignLeft();
          break;
        case 'datamatrix':
          printer.alignCenter();
          printer.add(raster(type, element));
          printer.alignLeft();
          break;
        case 'text':
          // the human-readable code is under the barcode already
          if (element.role === 'code') break;
          if (element.role === 'heading' || element.role === 'reprint') {
            printer.bold(true);
            println(element.text);
            printer.bold(false);
          } else println(element.text);
          break;
      }
    }
    printer.partialCut();
    parts.push(printer.getBuffer());
  }
  // a printer confirmed on send cannot answer: it is asked nothing
  if (options.askStatus ?? true) parts.push(escPosStatusRequest[type]);
  return Buffer.concat(parts);
}

/**
 * GS k m=73 with the layout's subsets: `{A`/`{B` then characters ("{" doubled), `{C` then one
 * byte 0–99 a digit pair; the printer adds the check character. Module width (GS w, 2–6 dots),
 * height (GS h) and the human-readable line below it (GS H 2) come first.
 */
export function epsonCode128(element: Code128Element): Buffer {
  const data: number[] = [];
  for (const segment of element.symbol.segments) {
    data.push(0x7b, segment.subset.charCodeAt(0));
    if (segment.subset === 'C') for (let at = 0; at < segment.text.length; at += 2) data.push(Number(segment.text.slice(at, at + 2)));
    else for (const character of segment.text) data.push(...(character === '{' ? [0x7b, 0x7b] : [character.charCodeAt(0)]));
  }
  if (data.length > 255) throw new RangeError(`the Code 128 of ${element.data} is too long for one GS k command`);
  return Buffer.from([
    ...[0x1d, 0x48, 0x02], // GS H 2: human-readable line below
    ...[0x1d, 0x66, 0x00], // GS f 0: font A
    ...[0x1d, 0x77, Math.min(6, Math.max(2, element.module))], // GS w n
    ...[0x1d, 0x68, Math.min(255, Math.max(1, element.height))], // GS h n
    ...[0x1d, 0x6b, 73, data.length, ...data],
  ]);
}

/**
 * A barcode as a raster image: GS v 0 for Epson, ESC k bands of 24 rows for Star (as
 * node-thermal-printer writes them); the symbol alone, or at its place on a row of `fullWidth` dots.
 */
function raster(type: EscPosType, element: DataMatrixElement | Code128Element, fullWidth?: number): Buffer {
  const width = fullWidth ?? (element.type === 'code128' ? element.symbol.modules * element.module : element.symbol.columns * element.module);
  const height = element.type === 'code128' ? element.height : element.symbol.rows * element.module;
  const bitmap: Bitmap = { width, height, dots: new Uint8Array(width * height) };
  drawElement(bitmap, { ...element, x: fullWidth === undefined ? 0 : element.x, y: 0 });
  const { bytesPerRow, data } = packRows(bitmap);
  if (type === 'epson') {
    return Buffer.concat([Buffer.from([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, bitmap.height & 0xff, bitmap.height >> 8]), data]);
  }
  const bands: Buffer[] = [Buffer.from([0x1b, 0x30])];
  for (let top = 0; top < bitmap.height; top += 24) {
    const band = Buffer.alloc(bytesPerRow * 24);
    data.copy(band, 0, top * bytesPerRow, Math.min(data.length, (top + 24) * bytesPerRow));
    bands.push(Buffer.from([0x1b, 0x6b, bytesPerRow, 0x00]), band, Buffer.from('\n'));
  }
  bands.push(Buffer.from([0x1b, 0x7a, 0x01]));
  return Buffer.concat(bands);
}
