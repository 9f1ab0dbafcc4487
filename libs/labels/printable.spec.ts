import { printableText } from './printable';

describe('text as a label prints it', () => {
  it.each([
    ['Sachet\u001dkI\u000b{BI0000000993', 'SachetkI {BI0000000993'],
    ['\u001bp\u0000\u0019\u00fa drawer', 'pú drawer'],
    ['left \u202etxt.exe\u202c, zero\u200bwidth, soft\u00adhyphen', 'left txt.exe, zerowidth, softhyphen'],
    ['two\nlines\r\nand\ttabs', 'two lines and tabs'],
    ['Łódź', 'Lodz'],
    ['Petrović Петровић', 'Petrovic Petrovic'],
    ['ЩИТ', 'SHCHIT'],
    ['Αθήνα', 'Athina'],
    ['Straße, façade, Noël, 12,5 €', 'Straße, façade, Noël, 12,5 €'],
    ['“quoted” — and…', '"quoted" - and...'],
    ['محمد 😀', '???? ?'],
  ])('prints %j as %j', (text, printed) => {
    expect(printableText(text)).toBe(printed);
  });
});
