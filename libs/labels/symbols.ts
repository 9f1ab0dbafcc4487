import bwipjs from 'bwip-js';

/** A Code 128 symbol as runs of modules, bar first: [bar, space, bar, …], each a count of modules. */
export interface LinearSymbol {
  runs: number[];
  modules: number;
}

/** A 2D symbol as a square of modules, row by row; true is dark. */
export interface MatrixSymbol {
  columns: number;
  rows: number;
  dark: Uint8Array;
}

/** The modules of a Code 128 barcode, encoded by bwip-js without drawing it. */
export function code128(text: string): LinearSymbol {
  const [encoded] = bwipjs.raw('code128', text, {}) as unknown as [{ sbs: number[] }];
  return { runs: encoded.sbs, modules: encoded.sbs.reduce((sum, run) => sum + run, 0) };
}

/** The modules of a Data Matrix (ECC 200), encoded by bwip-js without drawing it. */
export function dataMatrix(text: string): MatrixSymbol {
  const [encoded] = bwipjs.raw('datamatrix', text, {}) as unknown as [{ pixs: number[]; pixx: number; pixy: number }];
  return { columns: encoded.pixx, rows: encoded.pixy, dark: Uint8Array.from(encoded.pixs) };
}
