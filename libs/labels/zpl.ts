import { LabelLayout } from './layout';
import { printableText } from './printable';

/** Asks a Zebra printer for its host status after the labels; it answers once it has read that far. */
export const zplStatusRequest = Buffer.from('~HS\r\n', 'ascii');

/**
 * Labels as ZPL II for Zebra printers, sent raw to port 9100 (node-thermal-printer does not speak
 * ZPL). Text in UTF-8 (^CI28) with ^FH escapes, cleaned of control characters; Data Matrix (^BX);
 * Code 128 (^BC) in automatic mode (A), in which the printer selects the shortest subsets itself:
 * the very symbol the layout measured (mode N would be subset B throughout, 40% wider). Explicit
 * invocation codes (>: >5…) would say the same, but Zebrash, the independent renderer the tests
 * read labels with, draws them otherwise; both draw mode A as the ZPL manual says.
 */
export function renderZpl(layouts: LabelLayout[], options: { askStatus?: boolean } = {}): Buffer {
  if (layouts.length === 0) throw new RangeError('a print job needs at least one label');
  const labels = layouts.map((layout) => {
    const fields = layout.elements.map((element) => {
      switch (element.type) {
        case 'text':
          return `^FO${element.x},${element.y}^A0N,${element.size},${element.size}^FH^FD${fieldData(printableText(element.text))}^FS`;
        case 'code128':
          return `^FO${element.x},${element.y}^BY${element.module},3,${element.height}^BCN,${element.height},N,N,N,A^FD${barcodeData(element.data)}^FS`;
        case 'datamatrix':
          return `^FO${element.x},${element.y}^BXN,${element.module},200^FD${barcodeData(element.data)}^FS`;
      }
    });
    return `^XA^CI28^PW${layout.width}^LL${layout.height}^LH0,0\n${fields.join('\n')}\n^PQ1^XZ\n`;
  });
  const zpl = Buffer.from(labels.join(''), 'utf8');
  return options.askStatus === false ? zpl : Buffer.concat([zpl, zplStatusRequest]);
}

/** Barcode data goes without ^FH (Custody's codes are letters and digits): anything that could end the field is dropped. */
function barcodeData(data: string): string {
  // eslint-disable-next-line no-control-regex
  return data.replace(/[\x00-\x1f\x7f^~_]/g, '');
}

/** Field data with ^FH: the caret, tilde and underscore as hex, control characters dropped. */
function fieldData(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, '').replace(/[_^~]/g, (character) => `_${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
