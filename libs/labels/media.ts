/** What a label is printed on: a receipt-style roll (height grows with the label) or a die-cut label. */
export enum LabelSize {
  Roll58 = 'roll-58',
  Roll80 = 'roll-80',
  Label2x1 = 'label-2x1',
  Label4x2 = 'label-4x2',
}

export const dpis = [203, 300] as const;
export type Dpi = (typeof dpis)[number];

export interface Media {
  size: LabelSize;
  dpi: Dpi;
  /** Printable width in printer dots, a multiple of 8 (a raster byte is 8 dots). */
  widthDots: number;
  /** Label height in dots; null for a roll, cut after the label. */
  heightDots: number | null;
}

// printable width of a roll (the print head is narrower than the paper), or the size of a label
const millimetres: Record<LabelSize, { width: number; height: number | null }> = {
  [LabelSize.Roll58]: { width: 48, height: null },
  [LabelSize.Roll80]: { width: 72, height: null },
  [LabelSize.Label2x1]: { width: 50.8, height: 25.4 },
  [LabelSize.Label4x2]: { width: 101.6, height: 50.8 },
};

export function dots(mm: number, dpi: Dpi): number {
  return Math.floor((mm * dpi) / 25.4);
}

export function mediaOf(size: LabelSize, dpi: Dpi): Media {
  const { width, height } = millimetres[size];
  return { size, dpi, widthDots: dots(width, dpi) & ~7, heightDots: height === null ? null : dots(height, dpi) };
}

/** The size a printer of this paper width takes: 58 and 80 mm rolls, 2 and 4 inch labels. */
export function sizeForWidth(widthMm: number): LabelSize | undefined {
  return ({ 58: LabelSize.Roll58, 80: LabelSize.Roll80, 51: LabelSize.Label2x1, 102: LabelSize.Label4x2 } as Record<number, LabelSize>)[widthMm];
}
