import { code128QuietZone, encodeCode128 } from './code128';
import { epsonCode128 } from './escpos';
import { Code128Element, code128Module, LabelContent, LabelDoesNotFit, layoutLabel } from './layout';
import { dpis, LabelSize, mediaOf } from './media';
import { renderZpl } from './zpl';

const item: LabelContent = {
  kind: 'item',
  code: 'I000000022X',
  heading: 'BR.12.LL.123456/2026',
  facts: ['stupéfiants · 12,5 g', 'Scellé S-1', 'POL-BRU'],
  description: 'Sachet',
  reprint: null,
};
const media = Object.values(LabelSize).flatMap((size) => dpis.map((dpi) => mediaOf(size, dpi)));

describe('a label’s Code 128', () => {
  it.each(media.map((each) => [each.size, each.dpi, each] as const))(
    'on %s at %i dpi keeps ten-module quiet zones inside the printable width',
    (_size, _dpi, each) => {
      const code128 = layoutLabel(item, each).elements.find((element): element is Code128Element => element.type === 'code128')!;
      const width = code128.symbol.modules * code128.module;
      expect(code128.module).toBeGreaterThanOrEqual(2);
      expect(code128.x).toBeGreaterThanOrEqual(code128QuietZone * code128.module);
      expect(each.widthDots - code128.x - width).toBeGreaterThanOrEqual(code128QuietZone * code128.module);
      // the symbol the layout measured is the shortest one
      expect(code128.symbol.modules).toBe(134);
    },
  );

  it('is refused, saying so, where not even two-dot modules fit', () => {
    const long = encodeCode128('I0000000238'.repeat(4));
    expect(() => code128Module(long, mediaOf(LabelSize.Label2x1, 203))).toThrow(LabelDoesNotFit);
    expect(() => code128Module(long, mediaOf(LabelSize.Label2x1, 203))).toThrow(
      /needs 792 dots with its quiet zones; the label-2x1 medium at 203 dpi prints 400/,
    );
  });

  it('goes to an Epson as GS k selecting the layout’s subsets: {B I {C and one byte a digit pair', () => {
    const code128 = layoutLabel({ ...item, code: 'I0000000238' }, mediaOf(LabelSize.Roll80, 203)).elements.find(
      (element): element is Code128Element => element.type === 'code128',
    )!;
    const bytes = epsonCode128(code128);
    const command = bytes.subarray(bytes.indexOf(Buffer.from([0x1d, 0x6b])));
    expect([...command]).toEqual([0x1d, 0x6b, 73, 10, 0x7b, 0x42, 0x49, 0x7b, 0x43, 0, 0, 0, 2, 38]);
    expect([...bytes.subarray(0, 12)]).toEqual([0x1d, 0x48, 2, 0x1d, 0x66, 0, 0x1d, 0x77, code128.module, 0x1d, 0x68, code128.height]);
  });

  it('goes to a Zebra as ^BC in automatic mode, which selects the same shortest subsets', () => {
    const zpl = renderZpl([layoutLabel(item, mediaOf(LabelSize.Label2x1, 300))]).toString();
    expect(zpl).toMatch(/\^BY\d,3,\d+\^BCN,\d+,N,N,N,A\^FDI000000022X\^FS/);
  });
});

describe('a label’s heading', () => {
  it.each(media.map((each) => [each.size, each.dpi, each] as const))('on %s at %i dpi is never cut, only wrapped', (_size, _dpi, each) => {
    const heading = 'BR.12.LL.123456/2026 PARQUET DE BRUXELLES 987654 SECTION FINANCIERE';
    const lines = layoutLabel({ ...item, heading, reprint: 3, reprintWord: 'RÉIMPRESSION' }, each).elements.filter(
      (element) => element.type === 'text' && (element.role === 'heading' || element.role === 'reprint'),
    );
    expect(lines[0]).toMatchObject({ role: 'reprint', text: 'RÉIMPRESSION 3' });
    expect(
      lines
        .slice(1)
        .map((line) => (line.type === 'text' ? line.text : ''))
        .join(' '),
    ).toBe(heading);
  });

  it('keeps the codes on a 2×1 in label when a long heading takes room', () => {
    const label = layoutLabel({ ...item, heading: 'BR.12.LL.123456/2026 PARQUET DE BRUXELLES 987654 SECTION FINANCIERE' }, mediaOf(LabelSize.Label2x1, 203));
    const matrix = label.elements.find((element) => element.type === 'datamatrix')!;
    expect(matrix.type === 'datamatrix' && matrix.y + matrix.symbol.rows * matrix.module).toBeLessThanOrEqual(label.height);
  });
});
