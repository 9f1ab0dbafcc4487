import { Dpi, LabelContent, LabelSize, layoutLabel, mediaOf, renderEscPos, renderZpl } from '../../libs/labels';
import { readWithZbarAndDmtx, renderEscPosIndependently, renderStarIndependently, renderZplIndependently } from './independent-readers';

/** Every label, on every medium at both resolutions, for every printer language, printed as the printer would and read back by zbar and libdmtx. */
describe('labels read back by independent tools', () => {
  // a code whose check character is a digit (B then C) and one whose check is X (B, C, B)
  const codes = ['I0000000238', 'I000000022X', 'L0000000019', 'T000000012X'];
  const content = (code: string, overrides: Partial<LabelContent> = {}): LabelContent => ({
    kind: 'item',
    code,
    heading: 'BR.12.LL.123456/2026',
    facts: ['drugs · 12.5 g', 'Seal SCELLÉ-ß-1', 'POL-BRU · Shelf A'],
    description: 'Sachet de poudre blanche, scellé, trouvé près de la fenêtre — Straße, façade, Noël',
    reprint: null,
    ...overrides,
  });
  const labelSizes: Record<'label-2x1' | 'label-4x2', { widthMm: number; heightMm: number }> = {
    'label-2x1': { widthMm: 50.8, heightMm: 25.4 },
    'label-4x2': { widthMm: 101.6, heightMm: 50.8 },
  };
  // Epson's print area: 72 mm of an 80 mm roll, 48 mm of a 58 mm roll
  const printArea = (size: LabelSize, dpi: Dpi) => Math.floor((size === LabelSize.Roll80 ? 72 : 48) * (dpi === 203 ? 8 : 11.81));

  const zplMedia = [LabelSize.Label2x1, LabelSize.Label4x2].flatMap((size) => ([203, 300] as const).map((dpi) => [size, dpi] as const));
  const rollMedia = [LabelSize.Roll58, LabelSize.Roll80].flatMap((size) => ([203, 300] as const).map((dpi) => [size, dpi] as const));

  it.each(zplMedia)('ZPL on %s at %i dpi, drawn by Zebrash, scans as its one Code 128 and its one Data Matrix', async (size, dpi) => {
    const media = mediaOf(size, dpi);
    const zpl = renderZpl(codes.map((code) => layoutLabel(content(code), media)));
    const pictures = await renderZplIndependently(zpl, { ...labelSizes[size as 'label-2x1' | 'label-4x2'], dpi });
    expect(pictures).toHaveLength(codes.length);
    for (const [index, picture] of pictures.entries()) {
      expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: [codes[index]], dataMatrix: [codes[index]], other: [] });
    }
  });

  it.each(rollMedia)(
    'ESC/POS on a %s roll at %i dpi, parsed by npos and drawn by BWIPP, scans as its one Code 128 and its one Data Matrix',
    async (size, dpi) => {
      const media = mediaOf(size, dpi);
      const reading = renderEscPosIndependently(
        renderEscPos(
          'epson',
          codes.map((code) => layoutLabel(content(code), media)),
        ),
        printArea(size, dpi),
      );
      expect(reading.notPrinted).toEqual([]);
      expect(reading.labels).toHaveLength(codes.length);
      for (const [index, picture] of reading.labels.entries()) {
        expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: [codes[index]], dataMatrix: [codes[index]], other: [] });
      }
    },
  );

  it.each(rollMedia)(
    'Star Line Mode on a %s roll at %i dpi, parsed by npos with Star’s rules, scans as its one Code 128 and its one Data Matrix',
    async (size, dpi) => {
      const media = mediaOf(size, dpi);
      const reading = renderStarIndependently(
        renderEscPos(
          'star',
          codes.map((code) => layoutLabel(content(code), media)),
        ),
        printArea(size, dpi),
      );
      expect(reading.notPrinted).toEqual([]);
      expect(reading.labels).toHaveLength(codes.length);
      for (const [index, picture] of reading.labels.entries()) {
        expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: [codes[index]], dataMatrix: [codes[index]], other: [] });
      }
    },
  );

  // what an attacker, a copy-paste or an old database could put in a label's text
  const worstStrings = [
    'Sachet\u001dkI\u000b{BI0000000993 — the drugs sachet’s code as a GS k command',
    '\u001bp\u0000\u0019\u00fa open the drawer \u001dVA\u0000 cut \u001b!\u0030 big font \u001b@ reset',
    '^XZ^XA^FO10,10^BCN,50,N,N,N,A^FDI0000000993^FS^XZ~JR~HS _5E_7E',
    '\u202eevil.exe\u202c \u200b\u00ad Łódź Петровић Αθήνα محمد 😀 \u0000\u0001\u007f\u009b',
  ];
  const worst = (code: string, text: string) => content(code, { heading: `BR.12.LL.${text.slice(0, 30)}`, facts: [text, `Seal ${text}`], description: text });

  it.each(zplMedia)('ZPL with the worst strings on %s at %i dpi prints exactly one Code 128 and one Data Matrix, the item’s own', async (size, dpi) => {
    const pictures = await renderZplIndependently(renderZpl(worstStrings.map((text) => layoutLabel(worst('I0000000238', text), mediaOf(size, dpi)))), {
      ...labelSizes[size as 'label-2x1' | 'label-4x2'],
      dpi,
    });
    expect(pictures).toHaveLength(worstStrings.length);
    for (const picture of pictures) expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: ['I0000000238'], dataMatrix: ['I0000000238'], other: [] });
  });

  it.each(rollMedia)(
    'ESC/POS with the worst strings on a %s roll at %i dpi prints exactly one Code 128 and one Data Matrix, the item’s own',
    async (size, dpi) => {
      const reading = renderEscPosIndependently(
        renderEscPos(
          'epson',
          worstStrings.map((text) => layoutLabel(worst('I0000000238', text), mediaOf(size, dpi))),
        ),
        printArea(size, dpi),
      );
      expect(reading.notPrinted).toEqual([]);
      expect(reading.labels).toHaveLength(worstStrings.length);
      for (const picture of reading.labels)
        expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: ['I0000000238'], dataMatrix: ['I0000000238'], other: [] });
    },
  );

  it.each(rollMedia)(
    'Star Line Mode with the worst strings on a %s roll at %i dpi prints exactly one Code 128 and one Data Matrix, the item’s own',
    async (size, dpi) => {
      const reading = renderStarIndependently(
        renderEscPos(
          'star',
          worstStrings.map((text) => layoutLabel(worst('I0000000238', text), mediaOf(size, dpi))),
        ),
        printArea(size, dpi),
      );
      expect(reading.notPrinted).toEqual([]);
      expect(reading.labels).toHaveLength(worstStrings.length);
      for (const picture of reading.labels)
        expect(await readWithZbarAndDmtx(picture)).toEqual({ code128: ['I0000000238'], dataMatrix: ['I0000000238'], other: [] });
    },
  );
});
