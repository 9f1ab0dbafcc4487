import { dots, LabelSize, Media } from './media';
import { code128, dataMatrix, LinearSymbol, MatrixSymbol } from './symbols';
import { fitText, textWidth, wrapText } from './text';

export type LabelKind = 'item' | 'location' | 'transfer';

/** What a label says, whatever it is printed on. */
export interface LabelContent {
  kind: LabelKind;
  code: string;
  /** The first line: the case reference of an item, the name of a location, the route of a transfer. */
  heading: string;
  /** Short facts, one a line: category and quantity, seal, site… */
  facts: string[];
  /** Cut to fit, never overflowing. */
  description: string | null;
  /** The how-many-th reprint this copy is; null for the first print. */
  reprint: number | null;
}

export interface TextElement {
  type: 'text';
  x: number;
  y: number;
  size: number;
  text: string;
}
export interface Code128Element {
  type: 'code128';
  x: number;
  y: number;
  module: number;
  height: number;
  data: string;
  symbol: LinearSymbol;
}
export interface DataMatrixElement {
  type: 'datamatrix';
  x: number;
  y: number;
  module: number;
  data: string;
  symbol: MatrixSymbol;
}
export type LabelElement = TextElement | Code128Element | DataMatrixElement;

/** A label placed in printer dots: every module of a barcode is a whole number of dots. */
export interface LabelLayout {
  media: Media;
  width: number;
  height: number;
  elements: LabelElement[];
}

/**
 * Places a label on its media: the heading (and REPRINT n), the Code 128 across the width, the
 * code in human-readable form, then the Data Matrix beside the facts and the description.
 */
export function layoutLabel(content: LabelContent, media: Media): LabelLayout {
  const small = media.size === LabelSize.Label2x1;
  const margin = dots(small ? 1.5 : 2, media.dpi);
  const width = media.widthDots - 2 * margin;
  const textSize = dots(small ? 2.4 : 3.2, media.dpi);
  const headingSize = dots(small ? 2.8 : 4.2, media.dpi);
  const elements: LabelElement[] = [];
  let y = margin;

  const heading = content.reprint ? `REPRINT ${content.reprint} · ${content.heading}` : content.heading;
  elements.push({ type: 'text', x: margin, y, size: headingSize, text: fitText(heading, headingSize, width) });
  y += Math.round(headingSize * 1.15);

  const linear = code128(content.code);
  // the widest whole-dot module that fits, at most 4 dots; the quiet zones are the margins
  const module = Math.max(1, Math.min(4, Math.floor(width / linear.modules)));
  const barHeight = dots(small ? 6 : media.size === LabelSize.Label4x2 ? 12 : 10, media.dpi);
  elements.push({
    type: 'code128',
    x: margin + Math.floor((width - linear.modules * module) / 2),
    y,
    module,
    height: barHeight,
    data: content.code,
    symbol: linear,
  });
  y += barHeight + dots(0.8, media.dpi);

  const codeSize = Math.round(headingSize * 1.1);
  elements.push({ type: 'text', x: margin + Math.max(0, Math.floor((width - textWidth(content.code, codeSize)) / 2)), y, size: codeSize, text: content.code });
  y += Math.round(codeSize * 1.2);

  const matrix = dataMatrix(content.code);
  const matrixModule = Math.max(2, Math.floor(dots(small ? 8 : 12, media.dpi) / matrix.columns));
  const matrixSide = matrix.columns * matrixModule;
  elements.push({ type: 'datamatrix', x: margin, y, module: matrixModule, data: content.code, symbol: matrix });
  const textX = margin + matrixSide + dots(2, media.dpi);
  const textWidthAvailable = margin + width - textX;
  const lineHeight = Math.round(textSize * 1.2);
  const bottom = media.heightDots === null ? Number.POSITIVE_INFINITY : media.heightDots - margin;
  let textY = y;
  const lines = content.facts.map((fact) => fitText(fact, textSize, textWidthAvailable));
  const room = Math.floor((bottom - textY) / lineHeight);
  if (content.description)
    lines.push(...wrapText(content.description, textSize, textWidthAvailable, Math.max(1, Math.min(small ? 1 : 3, room - lines.length))));
  for (const line of lines) {
    if (textY + lineHeight > bottom) break;
    elements.push({ type: 'text', x: textX, y: textY, size: textSize, text: line });
    textY += lineHeight;
  }
  const height = media.heightDots ?? Math.max(y + matrixSide, textY) + margin;
  return { media, width: media.widthDots, height, elements };
}
