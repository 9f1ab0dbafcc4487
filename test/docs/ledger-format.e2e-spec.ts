import { canonicalEvent, checkpointText, eventHash, LedgerEvent, partialTiles, tilePath } from '../../libs/ledger';
import { ledgerFormatDocument, workedExample } from './ledger-format-example';

/** A text as the document shows it: an indented block. */
const indented = (text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line ? `    ${line}` : ''))
    .join('\n');

describe('docs/ledger-format.md', () => {
  const document = ledgerFormatDocument();
  // the prose wraps its lines: compare it with its line breaks read as spaces
  const prose = document.replace(/\n(?! )/g, ' ');

  it('shows two events of an item, their canonical encoding and their hashes as libs/ledger makes them', () => {
    const seized: LedgerEvent = {
      format: 2,
      sequence: null,
      itemSequence: 1,
      item: 'I000000012A',
      type: 'seized',
      occurredAt: '2026-11-23T10:15:00.000Z',
      actor: 'officer',
      site: 'POL-BRU',
      location: null,
      transfer: null,
      reason: null,
      details: {
        seizure: 'S000000011C',
        caseNumber: 'BR.12.LL.123456/2026',
        category: 'drugs',
        description: 'Sachet, poudre blanche',
        quantity: '12.500',
        unit: 'g',
        sealNumber: 'SEAL-1',
      },
      previousHash: null,
    };
    const moved: LedgerEvent = {
      ...seized,
      itemSequence: 2,
      type: 'moved',
      occurredAt: '2026-11-23T10:20:00.000Z',
      location: 'L0000000027',
      details: { from: null },
      previousHash: eventHash(seized),
    };
    for (const event of [seized, moved]) {
      expect(document).toContain(`    ${canonicalEvent(event)}\n`);
      expect(prose).toContain(`to \`${eventHash(event)}\``.slice(3));
    }
  });

  it('shows the keys, key IDs and verifier keys of its worked example as libs/ledger makes them', async () => {
    const example = await workedExample();
    for (const value of [
      example.log.seed.toString('hex'),
      example.log.publicKey.toString('hex'),
      `| key ID | \`${example.log.keyId}\` |`,
      example.log.vkey,
      example.witness.seed.toString('hex'),
      example.witness.publicKey.toString('hex'),
      example.witness.vkey,
    ])
      expect(document).toContain(value);
  });

  it('shows the entries, leaf hashes, roots and proofs of its worked example', async () => {
    const example = await workedExample();
    for (const [index, entry] of example.entries.entries())
      expect(document).toContain(`| ${index} | \`${entry.toString('hex')}\` | \`${example.leaves[index].toString('hex')}\` |`);
    for (const value of [
      example.root2.toString('hex'),
      example.root2.toString('base64'),
      example.root3.toString('hex'),
      example.root3.toString('base64'),
      ...example.inclusionOfLeaf1.map((hash) => hash.toString('base64')),
      ...example.consistency2To3.map((hash) => hash.toString('base64')),
    ])
      expect(document).toContain(value);
  });

  it('shows the checkpoint, the add-checkpoint body and the tlog-proof exactly as libs/ledger writes them', async () => {
    const example = await workedExample();
    expect(document).toContain(indented(example.checkpoint));
    expect(document).toContain(indented(example.addCheckpointBody));
    expect(document).toContain(indented(example.entryProofOfLeaf1));
    const text = checkpointText({ origin: example.origin, treeSize: 3, rootHash: example.root3 });
    expect(document).toContain(`\`cosignature/v1\\ntime 1767225600\\n${text.slice(0, 32).replace(/\n/g, '\\n')}`);
  });

  it('shows the tile and the entry bundle of its worked example byte for byte', async () => {
    const example = await workedExample();
    for (let index = 0; index < 3; index++) {
      expect(document).toContain(`    ${example.tile.subarray(index * 32, index * 32 + 32).toString('hex')}\n`);
      expect(document).toContain(
        `    ${example.entryBundle.subarray(index * 34, index * 34 + 2).toString('hex')} ${example.entryBundle.subarray(index * 34 + 2, index * 34 + 34).toString('hex')}\n`,
      );
    }
  });

  it('names the tiles of its examples as libs/ledger does', () => {
    for (const tile of partialTiles(70_000)) expect(document).toContain(`\`${tilePath(tile)}\``);
    expect(prose).toContain(`4,822 is \`${tilePath({ level: 0, index: 4_822, width: 256 }).slice('tile/0/'.length)}\``);
    expect(prose).toContain(`1,234,067 is \`${tilePath({ level: 0, index: 1_234_067, width: 256 }).slice('tile/0/'.length)}\``);
    expect(document).toContain('## The event and its hash');
  });
});
