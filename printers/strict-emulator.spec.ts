import { LabelSize, layoutLabel, mediaOf, renderEscPos, renderZpl } from '../libs/labels';
import { decodeEscPos } from './escpos-decoder';
import { decodeZpl } from './zpl-decoder';

/** The emulator prints what a real printer would: the encoding each command selects, on the print area it has, and says what it left out. */
describe('the strict emulator', () => {
  const item = { kind: 'item' as const, code: 'I0000000238', heading: 'BR.12.LL.123456/2026', facts: ['drugs'], description: 'x', reprint: null };
  // GS w 4, GS h 80, then GS k 73 with subset B throughout: what Custody sent before its labels had one encoding
  const subsetBOnly = Buffer.concat([
    Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1d, 0x77, 4, 0x1d, 0x68, 80, 0x1d, 0x6b, 73, 13]),
    Buffer.from('{BI0000000238'),
    Buffer.from([0x1d, 0x56, 0x01]),
  ]);

  it('does not print an Epson Code 128 wider than its print area, and says so', () => {
    const decoded = decodeEscPos(subsetBOnly, 'epson', 576);
    expect(decoded.labels.flatMap((label) => label.barcodes)).toEqual([]);
    expect(decoded.problems).toEqual(['the Code 128 I0000000238 is 624 dots wide, wider than the 576-dot print area: not printed']);
  });

  it('draws the encoding the command selects: subset B throughout is 156 modules, {B…{C… is 112', () => {
    const narrow = Buffer.from(subsetBOnly);
    narrow[7] = 3;
    const wide = decodeEscPos(narrow, 'epson', 576);
    expect(wide.problems).toEqual([]);
    // 156 modules of 3 dots, centred: 54 dots of quiet zone each side
    const rows = wide.labels[0].bitmap;
    const row = Array.from(rows.dots.subarray(10 * rows.width, 11 * rows.width));
    expect([row.indexOf(1), rows.width - 1 - row.lastIndexOf(1)]).toEqual([54, 54]);
    const layout = layoutLabel(item, mediaOf(LabelSize.Roll80, 203));
    const { module } = layout.elements.find((element) => element.type === 'code128') as { module: number };
    const shortest = decodeEscPos(renderEscPos('epson', [layout]), 'epson', 576);
    expect(shortest.problems).toEqual([]);
    const label = shortest.labels[0].bitmap;
    // the barcode: the tallest run of identical rows
    const rowsOf = Array.from({ length: label.height }, (_, y) => Array.from(label.dots.subarray(y * label.width, (y + 1) * label.width)));
    let barcodeRow = rowsOf[0];
    for (let y = 0, run = 0, best = 0; y < rowsOf.length; y += 1) {
      run = y > 0 && rowsOf[y].join('') === rowsOf[y - 1].join('') && rowsOf[y].includes(1) ? run + 1 : 0;
      if (run > best) [best, barcodeRow] = [run, rowsOf[y]];
    }
    expect(barcodeRow.lastIndexOf(1) - barcodeRow.indexOf(1) + 1).toBe(112 * module);
  });

  it('refuses a GS k Code 128 that selects no subset, as an Epson does', () => {
    const bare = Buffer.concat([Buffer.from([0x1d, 0x6b, 73, 11]), Buffer.from('I0000000238'), Buffer.from([0x1d, 0x56, 0x01])]);
    expect(decodeEscPos(bare, 'epson', 576).problems).toEqual(['a Code 128 was not printed: its data does not begin with {A, {B or {C']);
  });

  it('draws ZPL ^BC in mode N as subset B throughout, which runs off a 2×1 in label at 300 dpi', () => {
    const zpl = Buffer.from('^XA^PW600^LL300^FO76,55^BY4,3,70^BCN,70,N,N,N^FDI0000000238^FS^XZ');
    const decoded = decodeZpl(zpl, 600);
    expect(decoded.labels[0].barcodes).toEqual([]);
    expect(decoded.problems).toEqual(['the Code 128 I0000000238 runs 100 dots off the 600-dot label: not readable']);
  });

  it('draws ZPL ^BC in automatic mode the shortest way, and finds no fault with Custody’s labels on any medium', () => {
    for (const size of [LabelSize.Label2x1, LabelSize.Label4x2])
      for (const dpi of [203, 300] as const) {
        const media = mediaOf(size, dpi);
        const decoded = decodeZpl(renderZpl([layoutLabel(item, media)]), media.widthDots);
        expect(decoded.problems).toEqual([]);
        expect(decoded.labels[0].barcodes.map((barcode) => barcode.data)).toEqual(['I0000000238', 'I0000000238']);
      }
  });

  it('says when a barcode has no quiet zone', () => {
    const decoded = decodeZpl(Buffer.from('^XA^PW600^LL300^FO5,0^BY1,3,70^BCN,70,N,N,N,A^FDI0000000238^FS^XZ'), 800);
    expect(decoded.problems).toEqual(['the Code 128 I0000000238 has a quiet zone of 5 modules, not 10']);
  });
});
