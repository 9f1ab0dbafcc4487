import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { TransferItemState } from '../../libs/transfers';
import { SiteRef, TransferLineView, TransferView } from './transfer-views';

export interface ManifestContents {
  transfer: TransferView;
  from: SiteRef;
  to: SiteRef;
  printedBy: string;
  printedAt: Date;
}

const margin = 40;
const copies = ['Copy for the sending site — keep it', 'Copy for the receiving site — travels with the items'];

/**
 * The transfer document in two copies, one per side: who sends what to whom, each item with its
 * barcode and seal, boxes for the signatures of the hand-over and, once received, what arrived,
 * what is missing and which seals were damaged.
 */
export async function renderManifest(contents: ManifestContents): Promise<Buffer> {
  const { transfer } = contents;
  const document = new PDFDocument({ size: 'A4', margin, bufferPages: true, info: { Title: `Transfer manifest ${transfer.code}`, Author: 'Custody' } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => document.on('end', resolve));
  const transferBarcode = await bwipjs.toBuffer({ bcid: 'code128', text: transfer.code, scale: 2, height: 12, includetext: true, textxalign: 'center' });
  const itemBarcodes = new Map<string, Buffer>();
  for (const line of transfer.items) {
    itemBarcodes.set(line.code, await bwipjs.toBuffer({ bcid: 'code128', text: line.code, scale: 1, height: 7 }));
  }

  copies.forEach((copy, index) => {
    if (index > 0) document.addPage();
    drawCopy(document, contents, copy, transferBarcode, itemBarcodes);
  });
  const range = document.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    document.switchToPage(page);
    document
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#555')
      .text(
        `Transfer ${transfer.code} · printed ${contents.printedAt.toISOString()} by ${contents.printedBy} · page ${page + 1} of ${range.count}`,
        margin,
        document.page.height - margin + 10,
        { lineBreak: false },
      )
      .fillColor('black');
  }
  document.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawCopy(document: PDFKit.PDFDocument, contents: ManifestContents, copy: string, transferBarcode: Buffer, itemBarcodes: Map<string, Buffer>): void {
  const { transfer, from, to } = contents;
  const width = document.page.width - 2 * margin;
  document.image(transferBarcode, document.page.width - margin - 150, margin, { fit: [150, 45] });
  document
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(`Transfer manifest ${transfer.code}`, margin, margin, { width: width - 160 });
  document
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text(copy, { width: width - 160 })
    .fillColor('black');
  // below the transfer's barcode and its text
  const top = Math.max(document.y + 12, margin + 62);
  site(document, 'From (sending site)', from, margin, top, width / 2 - 10);
  site(document, 'To (receiving site)', to, margin + width / 2 + 10, top, width / 2 - 10);
  document.x = margin;
  document.y = Math.max(document.y, top + 55);
  const facts: [string, string][] = [
    ['Status', transfer.status],
    ['Purpose', transfer.purpose ?? '—'],
    ['Prepared', `${isoMinutes(transfer.createdAt)} by ${transfer.createdBy}`],
    [
      'Dispatched',
      transfer.dispatchedAt
        ? `${isoMinutes(transfer.dispatchedAt)} by ${transfer.dispatchedBy}${transfer.witness ? `, witnessed by ${transfer.witness}` : ''}`
        : 'not yet',
    ],
    [
      'Closed',
      transfer.closedAt
        ? `${isoMinutes(transfer.closedAt)}${transfer.closedBy ? ` by ${transfer.closedBy}` : ''}`
        : transfer.cancelledAt
          ? `cancelled ${isoMinutes(transfer.cancelledAt)}`
          : 'not yet',
    ],
    [
      'Items',
      `${transfer.counts.items} on the manifest · ${transfer.counts.received} received · ${transfer.counts.missing} missing · ${transfer.counts.damaged} with a damaged seal · ${transfer.counts.unexpected} unexpected`,
    ],
  ];
  for (const [label, value] of facts) document.font('Helvetica-Bold').fontSize(9).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  document.moveDown(0.6);

  itemTable(document, transfer.items, itemBarcodes, width);
  discrepancies(document, transfer);
  signatures(document, width);
}

function site(document: PDFKit.PDFDocument, title: string, place: SiteRef, x: number, y: number, width: number): void {
  document.rect(x - 4, y - 4, width + 8, 54).stroke('#999');
  document.font('Helvetica').fontSize(8).fillColor('#555').text(title, x, y, { width }).fillColor('black');
  document.font('Helvetica-Bold').fontSize(10).text(`${place.code} — ${place.name}`, { width });
  document
    .font('Helvetica')
    .fontSize(8)
    .text(place.address ?? '', { width });
}

// the item barcodes get about 0.9 pt (0.32 mm) a module: wide enough for a hand scanner
const columns = { barcode: 0, code: 150, description: 215, seal: 395, state: 455 };

function itemTable(document: PDFKit.PDFDocument, lines: TransferLineView[], barcodes: Map<string, Buffer>, width: number): void {
  const header = () => {
    const y = document.y;
    document.font('Helvetica-Bold').fontSize(8);
    document
      .text('Barcode', margin + columns.barcode, y)
      .text('Item', margin + columns.code, y)
      .text('Case · category · description', margin + columns.description, y)
      .text('Seal', margin + columns.seal, y)
      .text('State', margin + columns.state, y);
    document
      .moveTo(margin, y + 11)
      .lineTo(margin + width, y + 11)
      .stroke('#999');
    document.y = y + 15;
  };
  header();
  for (const line of lines) {
    if (document.y > document.page.height - margin - 60) {
      document.addPage();
      header();
    }
    const y = document.y;
    document.image(barcodes.get(line.code)!, margin + columns.barcode, y, { fit: [142, 22] });
    document
      .font('Helvetica-Bold')
      .fontSize(8)
      .text(line.code, margin + columns.code, y, { width: 62 });
    document
      .font('Helvetica')
      .fontSize(7)
      .text(`${line.caseNumber} · ${line.category} · ${line.quantity} ${line.unit}`, margin + columns.description, y, { width: 175, height: 9, ellipsis: true })
      .text(line.description, margin + columns.description, y + 9, { width: 175, height: 18, ellipsis: true });
    document.fontSize(7).text(line.sealNumber ?? '—', margin + columns.seal, y, { width: 58, height: 18, ellipsis: true });
    document.font('Helvetica-Bold').text(stateOf(line), margin + columns.state, y, { width: width - columns.state, height: 27, ellipsis: true });
    document.font('Helvetica');
    document.y = y + 28;
    document.x = margin;
  }
}

function stateOf(line: TransferLineView): string {
  switch (line.state) {
    case TransferItemState.Received:
      return line.sealIntact === false ? `RECEIVED, SEAL DAMAGED: ${line.note ?? ''}` : `received${line.receivedBy ? ` (${line.receivedBy})` : ''}`;
    case TransferItemState.Missing:
      return 'MISSING';
    case TransferItemState.InTransit:
      return 'in transit';
    case TransferItemState.Listed:
      return 'to send';
    case TransferItemState.Cancelled:
      return 'cancelled';
  }
}

function discrepancies(document: PDFKit.PDFDocument, transfer: TransferView): void {
  if (transfer.missing.length + transfer.damaged.length + transfer.unexpected.length === 0) return;
  if (document.y > document.page.height - margin - 120) document.addPage();
  document.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('Discrepancies', margin);
  document.font('Helvetica').fontSize(8);
  if (transfer.missing.length) document.text(`Missing (not received): ${transfer.missing.join(', ')}`);
  for (const damaged of transfer.damaged) document.text(`Seal damaged: ${damaged.code}${damaged.note ? ` — ${damaged.note}` : ''}`);
  if (transfer.unexpected.length) document.text(`Scanned but not on this manifest: ${transfer.unexpected.join(', ')}`);
}

function signatures(document: PDFKit.PDFDocument, width: number): void {
  if (document.y > document.page.height - margin - 110) document.addPage();
  document.moveDown(1);
  const y = document.y;
  const boxWidth = width / 2 - 10;
  for (const [index, title] of ['Handed over by (sending site)', 'Received by (receiving site)'].entries()) {
    const x = margin + index * (boxWidth + 20);
    document.rect(x, y, boxWidth, 85).stroke('#333');
    document
      .font('Helvetica-Bold')
      .fontSize(8)
      .text(title, x + 6, y + 6, { width: boxWidth - 12 });
    document
      .font('Helvetica')
      .fontSize(8)
      .text('Name: ____________________________', x + 6, y + 24)
      .text('Date and time: _____________________', x + 6, y + 42)
      .text('Signature:', x + 6, y + 60);
  }
  document.x = margin;
  document.y = y + 95;
}

function isoMinutes(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
