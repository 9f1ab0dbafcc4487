import { BarcodeFormat } from '@zxing/library';
import { PNG } from 'pngjs';
import { dpis, LabelContent, LabelSize, layoutLabel, mediaOf, renderEscPos, renderPng, renderSvg, renderZpl } from '../libs/labels';
import { decodeEscPos } from './escpos-decoder';
import { bitmapOfRgba, readBarcodes } from './raster-reader';
import { decodeZpl } from './zpl-decoder';

const item: LabelContent = {
  kind: 'item',
  code: 'I000000022X',
  heading: 'BR.12.LL.123456/2026',
  facts: ['drugs · 12.5 g', 'Seal SCELLÉ-ß-1', 'POL-BRU'],
  description: 'Sachet de poudre blanche, scellé, trouvé près de la fenêtre — Straße, façade, Noël',
  reprint: null,
};

describe('a label drawn three ways reads back as its code', () => {
  it.each(Object.values(LabelSize).flatMap((size) => dpis.map((dpi) => [size, dpi] as const)))(
    'on %s at %i dpi, the PNG preview scans as Code 128 and Data Matrix',
    (size, dpi) => {
      const png = PNG.sync.read(renderPng(layoutLabel(item, mediaOf(size, dpi))));
      const found = readBarcodes(bitmapOfRgba(png.width, png.height, png.data));
      expect(found.map((barcode) => barcode.text)).toEqual(['I000000022X', 'I000000022X']);
    },
  );

  it('draws every bar and module on whole printer dots', () => {
    for (const size of Object.values(LabelSize)) {
      for (const element of layoutLabel(item, mediaOf(size, 203)).elements) {
        if (element.type !== 'text') expect([element.x, element.y, element.module].every(Number.isInteger)).toBe(true);
      }
    }
  });

  it.each([
    ['epson', 'command', 2],
    ['star', 'raster', 1],
  ] as const)('sends %s printers the Code 128 as a %s and the Data Matrix as a raster that scans, with accents', (type, from, statusRequests) => {
    const layouts = [
      layoutLabel(item, mediaOf(LabelSize.Roll80, 203)),
      layoutLabel({ ...item, code: 'I0000000238', reprint: 2 }, mediaOf(LabelSize.Roll80, 203)),
    ];
    const decoded = decodeEscPos(renderEscPos(type, layouts), type, 576);
    expect(decoded.unknownCommands).toEqual([]);
    expect(decoded.problems).toEqual([]);
    expect(decoded.statusRequests).toBe(statusRequests);
    expect(decoded.labels).toHaveLength(2);
    expect(decoded.labels[0].barcodes).toEqual([
      { symbology: 'code128', data: 'I000000022X', from },
      { symbology: 'datamatrix', data: 'I000000022X', from: 'raster' },
    ]);
    expect(decoded.labels[1].barcodes.map((barcode) => barcode.data)).toEqual(['I0000000238', 'I0000000238']);
    expect(decoded.labels[0].text.join('\n')).toContain('Seal SCELLÉ-ß-1');
    expect(decoded.labels[0].text.join('\n')).toContain('façade');
    expect(decoded.labels[1].text.slice(0, 2)).toEqual(['REPRINT 2', 'BR.12.LL.123456/2026']);
    expect(decoded.labels[1].text.join('\n')).toContain('façade');
    // what the emulator drew of each label scans too
    for (const [index, label] of decoded.labels.entries()) {
      const code = index === 0 ? 'I000000022X' : 'I0000000238';
      expect(readBarcodes(label.bitmap)).toEqual([
        { format: BarcodeFormat.CODE_128, text: code },
        { format: BarcodeFormat.DATA_MATRIX, text: code },
      ]);
    }
  });

  it('sends Zebra printers ZPL with native symbologies and UTF-8 text, escaping ^ and ~', () => {
    const layouts = [layoutLabel({ ...item, heading: 'Case ^XZ~JR_1' }, mediaOf(LabelSize.Label4x2, 300))];
    const decoded = decodeZpl(renderZpl(layouts), 1200);
    expect(decoded.unknownCommands).toEqual([]);
    expect(decoded.problems).toEqual([]);
    expect(decoded.statusRequests).toBe(1);
    expect(decoded.labels).toHaveLength(1);
    expect(decoded.labels[0].barcodes).toEqual([
      { symbology: 'code128', data: 'I000000022X', from: 'command' },
      { symbology: 'datamatrix', data: 'I000000022X', from: 'command' },
    ]);
    expect(decoded.labels[0].text[0]).toBe('Case ^XZ~JR_1');
    expect(decoded.labels[0].text).toContain('Seal SCELLÉ-ß-1');
    // what the emulator draws from the ZPL scans too
    expect(readBarcodes(decoded.labels[0].bitmap).map((barcode) => barcode.text)).toEqual(['I000000022X', 'I000000022X']);
  });

  it('writes an SVG preview with the code as whole-dot bars and the text escaped', () => {
    const svg = renderSvg(layoutLabel({ ...item, heading: '<b>Case & "co"</b>' }, mediaOf(LabelSize.Label2x1, 203)));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="203"/);
    expect(svg).toContain('&lt;b&gt;Case &amp; &quot;co&quot;&lt;/b&gt;');
    expect(svg).toContain('<title>Code 128: I000000022X</title>');
    expect(svg).not.toMatch(/M\d+\.\d/);
  });
});
