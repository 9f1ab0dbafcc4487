import { Code128Symbol, code128QuietZone } from './code128';
import { dots, LabelSize, Media } from './media';
import { printableText } from './printable';
import { code128, dataMatrix, MatrixSymbol } from './symbols';
import { fitText, textWidth, wrapText, wrapWhole } from './text';

export type LabelKind = 'item' | 'location' | 'transfer';

/** What a label says, whatever it is printed on. */
export interface LabelContent {
  kind: LabelKind;
  code: string;
  /** The first line: the case reference of an item, the name of a location, the route of a transfer. Never cut: it wraps. */
  heading: string;
  /** Short facts, one a line: category and quantity, seal, site… */
  facts: string[];
  /** Cut to fit, never overflowing. */
  description: string | null;
  /** The how-many-th reprint this copy is; null for the first print. */
  reprint: number | null;
  /** How the label says "reprint" in its language: `REPRINT 2`, `RÉIMPRESSION 2`… (English if not given). */
  reprintWord?: string;
}

/** What a line of text is, so that each output can print it its own way (ESC/POS prints the heading bold). */
export type TextRole = 'reprint' | 'heading' | 'code' | 'fact' | 'description';

export interface TextElement {
  type: 'text';
  role: TextRole;
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
  symbol: Code128Symbol;
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

/** A code whose Code 128 cannot be printed on a medium with its quiet zones, even with the narrowest module that scans. */
export class LabelDoesNotFit extends RangeError {}

// the narrowest module that scanners read reliably: 2 dots (0.25 mm at 203 dpi, 0.17 mm at 300)
const narrowestModule = 2;

/**
 * The Code 128 module for a medium: the widest whole number of dots, up to about half a millimetre,
 * with which the symbol and its two quiet zones of ten modules fit the printable width.
 */
export function code128Module(symbol: Code128Symbol, media: Media): number {
  const widest = Math.max(narrowestModule, Math.round((0.5 * media.dpi) / 25.4));
  const module = Math.min(widest, Math.floor(media.widthDots / (symbol.modules + 2 * code128QuietZone)));
  if (module < narrowestModule) {
    throw new LabelDoesNotFit(
      `the Code 128 of ${symbol.data} needs ${(symbol.modules + 2 * code128QuietZone) * narrowestModule} dots with its quiet zones; ` +
        `the ${media.size} medium at ${media.dpi} dpi prints ${media.widthDots}`,
    );
  }
  return module;
}

/**
 * Places a label on its media: REPRINT n, the heading (wrapped, or shrunk, never cut), the Code 128
 * centred on the printable width with its quiet zones inside it, the code in human-readable form,
 * then the Data Matrix beside the facts and the description. Every text is cleaned of control
 * characters and put in the printers' repertoire first (printableText).
 */
export function layoutLabel(content: LabelContent, media: Media): LabelLayout {
  const small = media.size === LabelSize.Label2x1;
  const margin = dots(small ? 1.5 : 2, media.dpi);
  const width = media.widthDots - 2 * margin;
  const textSize = dots(small ? 2.4 : 3.2, media.dpi);
  const elements: LabelElement[] = [];
  let y = margin;

  // the heading at its size on one line if it fits, else a size smaller, else wrapped onto lines
  const heading = printableText(content.heading);
  const sizes = [dots(small ? 2.8 : 4.2, media.dpi), dots(small ? 2.4 : 3.4, media.dpi)];
  const headingSize = sizes.find((size) => textWidth(heading, size) <= width) ?? sizes[1];
  if (content.reprint) {
    const text = fitText(printableText(`${content.reprintWord ?? 'REPRINT'} ${content.reprint}`), headingSize, width);
    elements.push({ type: 'text', role: 'reprint', x: margin, y, size: headingSize, text });
    y += Math.round(headingSize * 1.15);
  }
  for (const line of wrapWhole(heading, headingSize, width)) {
    elements.push({ type: 'text', role: 'heading', x: margin, y, size: headingSize, text: line });
    y += Math.round(headingSize * 1.15);
  }

  const linear = code128(content.code);
  const module = code128Module(linear, media);
  const matrix = dataMatrix(content.code);
  const matrixModule = Math.max(2, Math.floor(dots(small ? 8 : 12, media.dpi) / matrix.columns));
  const matrixSide = matrix.columns * matrixModule;
  const codeSize = sizes[0];
  const gap = dots(0.8, media.dpi);
  // on a die-cut label a long heading takes height from the bars, never from the codes
  const room = media.heightDots === null ? Number.POSITIVE_INFINITY : media.heightDots - margin - y - gap - Math.round(codeSize * 1.2) - matrixSide;
  const barHeight = Math.max(dots(4, media.dpi), Math.min(room, dots(small ? 6 : media.size === LabelSize.Label4x2 ? 12 : 10, media.dpi)));
  elements.push({
    type: 'code128',
    x: Math.floor((media.widthDots - linear.modules * module) / 2),
    y,
    module,
    height: barHeight,
    data: content.code,
    symbol: linear,
  });
  y += barHeight + gap;

  elements.push({
    type: 'text',
    role: 'code',
    x: margin + Math.max(0, Math.floor((width - textWidth(content.code, codeSize)) / 2)),
    y,
    size: codeSize,
    text: content.code,
  });
  y += Math.round(codeSize * 1.2);

  elements.push({ type: 'datamatrix', x: margin, y, module: matrixModule, data: content.code, symbol: matrix });
  const textX = margin + matrixSide + dots(2, media.dpi);
  const textWidthAvailable = margin + width - textX;
  const lineHeight = Math.round(textSize * 1.2);
  const bottom = media.heightDots === null ? Number.POSITIVE_INFINITY : media.heightDots - margin;
  let textY = y;
  const lines: [TextRole, string][] = content.facts.map((fact) => ['fact', fitText(printableText(fact), textSize, textWidthAvailable)]);
  const lineRoom = Math.floor((bottom - textY) / lineHeight);
  const description = content.description ? printableText(content.description) : '';
  if (description)
    for (const line of wrapText(description, textSize, textWidthAvailable, Math.max(1, Math.min(small ? 1 : 3, lineRoom - lines.length))))
      lines.push(['description', line]);
  for (const [role, text] of lines) {
    if (textY + lineHeight > bottom) break;
    elements.push({ type: 'text', role, x: textX, y: textY, size: textSize, text });
    textY += lineHeight;
  }
  const height = media.heightDots ?? Math.max(y + matrixSide, textY) + margin;
  return { media, width: media.widthDots, height, elements };
}
