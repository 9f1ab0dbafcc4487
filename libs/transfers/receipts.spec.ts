import { CodeKind, formatCode } from '../codes';
import { parseReceiptLines, reconcileReceipt, TransferItemState } from './receipts';

const [a, b, c, d] = [22, 23, 24, 25].map((number) => formatCode(CodeKind.Item, number));

describe('reading a receipt', () => {
  it('takes plain codes as scanners send them, forgiving case and line endings', () => {
    expect(parseReceiptLines([` ${a.toLowerCase()}\r\n`, b])).toEqual({
      lines: [
        { code: a, sealIntact: true, note: null },
        { code: b, sealIntact: true, note: null },
      ],
      problems: [],
    });
  });

  it('takes the clerk’s word on a seal, which needs a note when it is not intact', () => {
    expect(
      parseReceiptLines([
        { code: a, sealIntact: false, note: 'Scellé déchiré' },
        { code: b, sealIntact: true },
      ]).lines,
    ).toEqual([
      { code: a, sealIntact: false, note: 'Scellé déchiré' },
      { code: b, sealIntact: true, note: null },
    ]);
    expect(parseReceiptLines([{ code: a, sealIntact: false }]).problems).toEqual([{ field: 'items[0].note', problem: expect.stringContaining('is required') }]);
  });

  it('names every problem by its place in the list', () => {
    const location = formatCode(CodeKind.Location, 7);
    const { lines, problems } = parseReceiptLines([a, 12, location, { code: b, extra: 1 }, { sealIntact: 'yes' }, `${a.slice(0, 10)}0`]);
    expect(lines).toEqual([{ code: a, sealIntact: true, note: null }]);
    expect(problems.map((problem) => problem.field)).toEqual(['items[1]', 'items[2]', 'items[3].extra', 'items[4].code', 'items[4].sealIntact', 'items[5]']);
  });
});

describe('reconciling a receipt with its manifest', () => {
  const manifest = new Map([
    [a, TransferItemState.InTransit],
    [b, TransferItemState.InTransit],
    [c, TransferItemState.Received],
  ]);
  const line = (code: string) => ({ code, sealIntact: true, note: null });

  it('receives items of the manifest in transit, each once', () => {
    expect(reconcileReceipt(manifest, [line(a), line(a), line(b)])).toEqual({ received: [line(a), line(b)], alreadyReceived: [a], unexpected: [] });
  });

  it('reports items received before and codes not on the manifest, once each', () => {
    expect(reconcileReceipt(manifest, [line(c), line(d), line(c), line(d)])).toEqual({ received: [], alreadyReceived: [c], unexpected: [d] });
  });

  it('does not receive an item that never left or was given up for missing', () => {
    const settled = new Map([
      [a, TransferItemState.Listed],
      [b, TransferItemState.Missing],
      [c, TransferItemState.Cancelled],
    ]);
    expect(reconcileReceipt(settled, [line(a), line(b), line(c)])).toEqual({ received: [], alreadyReceived: [], unexpected: [a, b, c] });
  });
});
