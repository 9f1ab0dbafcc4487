import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js';
import { bundleDigest, ProofBundle } from '../../libs/ledger';
import { HistoryEntry } from '../custody/custody-history.service';
import { SeizureFacts } from '../seizures/seizures.service';
import { ItemView } from '../custody/item-records';

export interface ReportContents {
  item: ItemView;
  seizure: SeizureFacts;
  history: HistoryEntry[];
  /** Absent while no checkpoint covers the item's events. */
  bundle: ProofBundle | null;
  requestedBy: string;
  generatedAt: Date;
}

const margin = 50;

/** The court-ready custody report of one item, as a PDF (pdfkit; standard fonts print é, ë, ç and ß). */
export async function renderCustodyReport(contents: ReportContents): Promise<Buffer> {
  const { item, seizure, history, bundle } = contents;
  const document = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: `Custody report ${item.code}`, Author: 'Custody', Subject: `Case ${item.caseNumber}` },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => document.on('end', resolve));

  document.fontSize(18).font('Helvetica-Bold').text(`Custody report — item ${item.code}`);
  document
    .moveDown(0.3)
    .fontSize(9)
    .font('Helvetica')
    .fillColor('#444')
    .text(`Generated ${contents.generatedAt.toISOString()} for ${contents.requestedBy}. Every line below is an event of the hash-chained custody ledger.`)
    .fillColor('black');

  section(document, 'Item');
  facts(document, [
    ['Code', item.code],
    ['Category', item.category],
    ['Description', item.description],
    ['Quantity', `${item.quantity} ${item.unit}`],
    ['Seal number', item.sealNumber ?? '—'],
    ['Status', item.status.replace('_', ' ')],
    ['Site', item.site],
    ['Location', item.location ?? '—'],
    ['Sample of', item.parent ?? '—'],
  ]);

  section(document, 'Seizure');
  facts(document, [
    ['Seizure', seizure.code],
    ['Case reference', seizure.caseNumber],
    ['Seized at', new Date(seizure.seizedAt).toISOString()],
    ['Seizing unit', seizure.seizingUnit ?? '—'],
    ['Legal reference', seizure.legalReference ?? '—'],
    ['Registered at', seizure.site],
    ['Registered by', seizure.registeredBy],
  ]);

  section(document, `Custody events (${history.length})`);
  for (const event of history) {
    const where = [event.site, event.location, event.transfer && `transfer ${event.transfer}`].filter(Boolean).join(' · ') || '—';
    document
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(
        `${event.itemSequence}.${event.sequence === null ? '' : ` ledger #${event.sequence}`}  ${event.occurredAt}  ${event.type.replace('_', ' ')}  by ${event.actor}`,
        { continued: false },
      );
    document
      .font('Helvetica')
      .fontSize(8)
      .text(`at ${where}${event.reason ? ` — reason: ${event.reason}` : ''}`, { indent: 12 });
    document
      .fillColor('#555')
      .text(`hash ${event.hash}${event.previousHash ? `  follows ${event.previousHash.slice(0, 16)}…` : '  (first event)'}`, { indent: 12 })
      .fillColor('black');
    document.moveDown(0.3);
  }

  section(document, 'Anchoring');
  if (!bundle) {
    document
      .font('Helvetica')
      .fontSize(9)
      .text('No checkpoint covers this item yet. Ask an administrator to make one (POST /ledger/checkpoints), then download this report again.');
  } else {
    const digest = bundleDigest(bundle);
    facts(document, [
      ['Checkpoint', `over the first ${bundle.checkpoint.treeSize} events of the ledger, made ${bundle.checkpoint.createdAt}`],
      ['Root hash', bundle.checkpoint.rootHash],
      ['Signing key', `Ed25519, key id ${bundle.checkpoint.keyId}`],
      [
        'Events in it',
        `${bundle.events.length} of ${history.length}${bundle.unanchoredEvents.length ? ` (${bundle.unanchoredEvents.length} newer ones are not in a checkpoint yet)` : ''}`,
      ],
      ['Bundle digest', digest],
    ]);
    const matrix = await bwipjs.toBuffer({ bcid: 'datamatrix', text: digest, scale: 3 });
    document.moveDown(0.5).image(matrix, { width: 90 });
    document
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(8)
      .text(
        'To check this paper without trusting the server: download the proof bundle (GET /items/:code/proof), run ' +
          '`npm run verify-bundle -- bundle.json --public-key <key>` on any machine, and compare the bundle digest it prints with the one above (or scan the Data Matrix).',
      );
  }
  document.end();
  await ended;
  return Buffer.concat(chunks);
}

function section(document: PDFKit.PDFDocument, title: string): void {
  document.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(title);
  document
    .moveTo(margin, document.y + 2)
    .lineTo(document.page.width - margin, document.y + 2)
    .stroke('#999')
    .moveDown(0.4);
}

function facts(document: PDFKit.PDFDocument, rows: [string, string][]): void {
  for (const [label, value] of rows) {
    document.font('Helvetica-Bold').fontSize(9).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  }
}
