import { appendToLog } from '../../libs/ledger';
import { TestApp } from './test-app';

/**
 * What someone with the database's superuser rights can do after rewriting events: build the
 * ledger's tiles and head again from the events as they now are, so that the database agrees
 * with itself. Only a checkpoint kept outside the database tells.
 */
export async function rebuildTiles(custody: TestApp): Promise<void> {
  const rows = await custody.sql<{ hash: string }>('SELECT hash FROM custody_events WHERE sequence IS NOT NULL ORDER BY sequence');
  await custody.sql('DELETE FROM ledger_tiles');
  await custody.sql('DELETE FROM ledger_entry_bundles');
  const grown = appendToLog(
    0,
    { tiles: [], bundle: null },
    rows.map((row) => Buffer.from(row.hash, 'hex')),
  );
  for (const tile of grown.tiles) {
    await custody.sql(
      'INSERT INTO ledger_tiles (level, index, width, hashes) VALUES ($1, $2, $3, $4) ON CONFLICT (level, index) DO UPDATE SET width = EXCLUDED.width, hashes = EXCLUDED.hashes',
      [tile.level, tile.index, tile.width, tile.hashes],
    );
  }
  for (const bundle of grown.bundles)
    await custody.sql('INSERT INTO ledger_entry_bundles (index, width, entries) VALUES ($1, $2, $3)', [bundle.index, bundle.width, bundle.data]);
  await custody.sql('UPDATE ledger_head SET last_sequence = $1, tree_size = $1, root_hash = $2', [grown.treeSize, grown.rootHash]);
}
