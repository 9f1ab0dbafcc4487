import { LabelLayout } from './layout';

/** Asks a Zebra printer for its host status after the labels; it answers once it has read that far. */
export const zplStatusRequest = Buffer.from('~HS\r\n', 'ascii');

/**
 * Labels as ZPL II for Zebra printers, sent raw to port 9100 (node-thermal-printer does not speak
 * ZPL). Text in UTF-8 (^CI28) with ^FH escapes, so accents print; Code 128 (^BC) and Data Matrix
 * (^BX) are the printer's own symbologies, with module widths in whole dots (^BY, ^BX).
 */
export function renderZpl(layouts: LabelLayout[]): Buffer {
  if (layouts.length === 0) throw new RangeError('a print job needs at least one label');
  const labels = layouts.map((layout) => {
    const fields = layout.elements.map((element) => {
      switch (element.type) {
        case 'text':
          return `^FO${element.x},${element.y}^A0N,${element.size},${element.size}^FH^FD${fieldData(element.text)}^FS`;
        case 'code128':
          return `^FO${element.x},${element.y}^BY${element.module},3,${element.height}^BCN,${element.height},N,N,N^FD${fieldData(element.data)}^FS`;
        case 'datamatrix':
          return `^FO${element.x},${element.y}^BXN,${element.module},200^FD${fieldData(element.data)}^FS`;
      }
    });
    return `^XA^CI28^PW${layout.width}^LL${layout.height}^LH0,0\n${fields.join('\n')}\n^PQ1^XZ\n`;
  });
  return Buffer.concat([Buffer.from(labels.join(''), 'utf8'), zplStatusRequest]);
}

/** Field data with ^FH: the caret, tilde and underscore as hex, control characters dropped. */
function fieldData(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, '').replace(/[_^~]/g, (character) => `_${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
