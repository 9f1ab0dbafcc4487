import { ThermalPrinter, PrinterTypes, CharacterSet } from 'node-thermal-printer';
import { Bitmap, drawElement, packRows } from './bitmap';
import { DataMatrixElement, LabelLayout } from './layout';
import { fitColumns } from './text';

export type EscPosType = 'epson' | 'star';

/** Asks the printer for its status after the labels: it answers once it has read that far. */
export const escPosStatusRequest: Record<EscPosType, Buffer> = {
  epson: Buffer.from([0x1d, 0x72, 0x01]), // GS r 1: transmit paper sensor status
  star: Buffer.from([0x1b, 0x06, 0x01]), // ESC ACK SOH: real-time status
};

/**
 * Labels as ESC/POS bytes for Epson or Star, through a node-thermal-printer instance of this job
 * alone (its buffer is never cleared between jobs). Text goes in code page 858, which holds é, ë,
 * ç, ß and €; the Code 128 is the printer's own barcode command, with whole-dot modules; the Data
 * Matrix, which not every model knows, is a raster image of whole-dot modules.
 */
export function renderEscPos(type: EscPosType, layouts: LabelLayout[]): Buffer {
  if (layouts.length === 0) throw new RangeError('a print job needs at least one label');
  // no interface: the bytes are sent by the print worker, which knows when the printer has read them
  const printer = new ThermalPrinter({ type: type === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR, interface: '', width: 48 });
  const code128 = printer.code128.bind(printer) as (data: string, settings: object) => void;
  printer.add(Buffer.from([0x1b, 0x40])); // ESC @: initialise, then choose the code page
  printer.setCharacterSet(CharacterSet.PC858_EURO);
  for (const layout of layouts) {
    // font A is 12 dots wide at 203 dpi, and as wide in millimetres at other resolutions
    const columns = Math.floor(layout.width / Math.round((12 * layout.media.dpi) / 203));
    const fit = (text: string) => fitColumns(text, columns);
    const [heading, ...rest] = layout.elements;
    printer.alignLeft();
    if (heading.type === 'text') {
      printer.bold(true);
      printer.println(fit(heading.text));
      printer.bold(false);
    }
    for (const element of rest) {
      switch (element.type) {
        case 'code128':
          printer.alignCenter();
          if (type === 'epson')
            code128(element.data, { width: Math.min(6, Math.max(2, element.module)), height: Math.min(255, element.height), hriPos: 2, hriFont: 0 });
          else
            code128(element.data, {
              width: element.module <= 2 ? 'SMALL' : element.module === 3 ? 'MEDIUM' : 'LARGE',
              height: Math.min(255, element.height),
              text: 2,
            });
          printer.newLine();
          break;
        case 'datamatrix':
          printer.alignCenter();
          printer.add(raster(type, element));
          printer.alignLeft();
          break;
        case 'text':
          // the human-readable code is under the barcode already
          if (element.text !== layout.elements.find((each) => each.type === 'code128')?.data) printer.println(fit(element.text));
          break;
      }
    }
    printer.partialCut();
    // a cut ends in ESC @, which resets the printer to its default code page while the library still
    // believes its last one is active: choose the page again, or the next label's accents go wrong
    printer.setCharacterSet(CharacterSet.PC858_EURO);
  }
  printer.add(escPosStatusRequest[type]);
  return printer.getBuffer();
}

/** A Data Matrix as a raster image: GS v 0 for Epson, ESC k bands of 24 rows for Star (as node-thermal-printer writes them). */
function raster(type: EscPosType, element: DataMatrixElement): Buffer {
  const side = element.symbol.columns * element.module;
  const bitmap: Bitmap = { width: side, height: element.symbol.rows * element.module, dots: new Uint8Array(side * element.symbol.rows * element.module) };
  drawElement(bitmap, { ...element, x: 0, y: 0 });
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
