import { Bitmap } from '../libs/labels';

/** A barcode as the printer was told to print it: a native command's contents, or read back from a raster image. */
export interface ReceivedBarcode {
  symbology: 'code128' | 'datamatrix';
  data: string;
  /** `command`: the printer's own barcode command; `raster`: read back from an image. */
  from: 'command' | 'raster';
}

/** One label (up to a cut, or one ^XA…^XZ) as the emulator understood it. */
export interface ReceivedLabel {
  text: string[];
  barcodes: ReceivedBarcode[];
  /** The label drawn from what was received, one pixel a dot. */
  bitmap: Bitmap;
  /** What a real printer would print wrong or not at all on this label (a barcode off the label, without quiet zones…). */
  problems: string[];
}

/** A status request, as the printer answers it: Epson's GS r (paper, in turn) and DLE EOT (offline cause, at once), Star's ESC ACK SOH, Zebra's ~HS. */
export type StatusQuery = 'paper' | 'offline' | 'star' | 'zebra';

export interface DecodedJob {
  labels: ReceivedLabel[];
  /** Status requests seen: the printer answers each once it has read that far. */
  statusRequests: number;
  /** The same, in the order they came. */
  statusQueries: StatusQuery[];
  /** Bytes that are not a command the emulator knows. */
  unknownCommands: string[];
  /** What a real printer would print wrong or not at all: a barcode wider than the print area is not printed (Epson's GS k). */
  problems: string[];
}
