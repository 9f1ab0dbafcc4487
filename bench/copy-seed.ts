import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ItemCategory } from '../libs/custody';
import { CodeKind, formatCode } from '../libs/codes';
import { eventHash, JsonObject, LedgerEvent } from '../libs/ledger';

/** What a COPY seeding wrote, and how long each part took. */
export interface CopySeeded {
  items: number;
  events: number;
  copySeconds: number;
}

interface SiteRow {
  id: string;
  code: string;
  locations: string[];
  locationIds: Map<string, string>;
}

const categories = Object.values(ItemCategory);
const itemsPerSeizure = 500;
const day = 24 * 3600 * 1000;
/** The ten years the seeded histories spread over. */
const firstSeizure = Date.parse('2016-01-04T09:00:00.000Z');
const decade = 10 * 365 * day;

/**
 * Writes `itemCount` items (in seizures of 500, spread over the demo's sites and their shelves and
 * bins) and about `eventsPerItem` custody events each, with PostgreSQL's COPY: ten years of a
 * country's evidence rooms in minutes, which no API could load as fast. The rows are those the
 * custody engine writes — version 2 events whose hashes libs/ledger computes, linked in each item's
 * chain, an item's head its newest event — given their ledger positions after every event already
 * positioned (item after item); the integrator then grows the tiles over them, as it does for
 * positions given before the tiles existed, and the benchmark verifies the whole ledger. Triggers
 * and foreign keys are off for the load only (`session_replication_role = replica`, as
 * pg_restore does): the verify afterwards is the check.
 * Each item: `seized`, stored (`moved`), then alternately `audited` and `moved` between its site's
 * places, three days apart.
 */
export async function copySeed(databaseUrl: string, itemCount: number, eventsPerItem: number): Promise<CopySeeded> {
  const started = process.hrtime.bigint();
  const connect = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`SET session_replication_role = replica`);
    return client;
  };
  const [main, events] = [await connect(), await connect()];
  try {
    const sites = await readSites(main);
    const [actor] = (await main.query(`SELECT id, username FROM users WHERE username = 'officer'`)).rows as { id: string; username: string }[];
    const [head] = (await main.query(`SELECT last_sequence FROM ledger_head WHERE id = 1`)).rows as { last_sequence: string }[];
    const waiting = (await main.query(`SELECT count(*)::int AS waiting FROM custody_events WHERE sequence IS NULL`)).rows[0].waiting as number;
    if (waiting > 0) throw new Error('position the events already there first: the seeded ones come after them');
    const seizureCount = Math.ceil(itemCount / itemsPerSeizure);
    const firstNumber = await reserveNumbers(main, itemCount + seizureCount);
    const seizureCode = (seizure: number) => formatCode(CodeKind.Seizure, firstNumber + seizure);
    const itemCode = (item: number) => formatCode(CodeKind.Item, firstNumber + seizureCount + item);
    const seizureIds = Array.from({ length: seizureCount }, () => randomUUID());
    const siteOfSeizure = (seizure: number) => sites[seizure % sites.length];

    await main.query('BEGIN');
    await events.query('BEGIN');
    const seizures = copy(main, 'seizures (id, code, case_number, seized_at, site_id, registered_by_id)');
    for (let seizure = 0; seizure < seizureCount; seizure += 1) {
      const seizedAt = new Date(firstSeizure + Math.floor((seizure * itemsPerSeizure * decade) / itemCount));
      await seizures.row([seizureIds[seizure], seizureCode(seizure), `BENCH/${seizure}`, seizedAt.toISOString(), siteOfSeizure(seizure).id, actor.id]);
    }
    await seizures.end();

    const items = copy(main, 'items (id, code, seizure_id, category, description, quantity, unit, status, site_id, location_id, last_event_hash, event_count)');
    const eventRows = copy(
      events,
      'custody_events (item_id, item_sequence, sequence, format, item_code, type, occurred_at, actor_id, actor_username, site_code, location_code, details, previous_hash, hash)',
    );
    let sequence = Number(head.last_sequence);
    for (let item = 0; item < itemCount; item += 1) {
      const seizure = Math.floor(item / itemsPerSeizure);
      const site = siteOfSeizure(seizure);
      const code = itemCode(item);
      const id = randomUUID();
      const category = categories[item % categories.length];
      const description = `Benchmark exhibit ${item}`;
      // 9.3 events an item on average at the full scale's 9.3: the fraction decides which items get one more
      const count = Math.max(1, Math.floor(eventsPerItem) + ((item * 7919) % 100 < Math.round((eventsPerItem % 1) * 100) ? 1 : 0));
      const seizedAt = firstSeizure + Math.floor((seizure * itemsPerSeizure * decade) / itemCount);
      let previousHash: string | null = null;
      let location: string | null = null;
      for (let number = 1; number <= count; number += 1) {
        let type = 'seized';
        let details: JsonObject;
        if (number === 1) {
          details = {
            seizure: seizureCode(seizure),
            caseNumber: `BENCH/${seizure}`,
            category,
            description,
            quantity: '1.000',
            unit: 'piece',
            sealNumber: null,
          };
        } else if (number % 2 === 0) {
          type = 'moved';
          const to = site.locations[(item + number) % site.locations.length];
          details = { from: location };
          location = to;
        } else {
          type = 'audited';
          details = { audit: 'BENCH', kind: 'site' };
        }
        sequence += 1;
        const event: LedgerEvent = {
          format: 2,
          sequence: null,
          itemSequence: number,
          item: code,
          type,
          occurredAt: new Date(seizedAt + (number - 1) * 3 * day).toISOString(),
          actor: actor.username,
          site: site.code,
          location,
          transfer: null,
          reason: null,
          details,
          previousHash,
        };
        const hash = eventHash(event);
        await eventRows.row([
          id,
          number,
          sequence,
          2,
          code,
          type,
          event.occurredAt,
          actor.id,
          actor.username,
          site.code,
          location,
          JSON.stringify(details),
          previousHash,
          hash,
        ]);
        previousHash = hash;
      }
      await items.row([
        id,
        code,
        seizureIds[seizure],
        category,
        description,
        '1.000',
        'piece',
        'in_custody',
        site.id,
        location && site.locationIds.get(location)!,
        previousHash,
        count,
      ]);
    }
    await items.end();
    await eventRows.end();
    await events.query('COMMIT');
    // the items' positions were given with them: the head counts them, the integrator grows the tiles
    await main.query('UPDATE ledger_head SET last_sequence = $1 WHERE id = 1', [sequence]);
    await main.query('COMMIT');
    return { items: itemCount, events: sequence - Number(head.last_sequence), copySeconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await Promise.all([main.end(), events.end()]);
  }
}

/** The demo's sites with the shelves and bins items are kept on. */
async function readSites(client: Client): Promise<SiteRow[]> {
  const rows = (
    await client.query(
      `SELECT site.id, site.code, location.id AS location_id, location.code AS location
         FROM sites site JOIN locations location ON location.site_id = site.id AND location.kind IN ('shelf', 'bin')
        ORDER BY site.code, location.code`,
    )
  ).rows as { id: string; code: string; location_id: string; location: string }[];
  const sites = new Map<string, SiteRow>();
  for (const row of rows) {
    const site: SiteRow = sites.get(row.code) ?? { id: row.id, code: row.code, locations: [], locationIds: new Map() };
    site.locations.push(row.location);
    site.locationIds.set(row.location, row.location_id);
    sites.set(row.code, site);
  }
  const usable = [...sites.values()].filter((site) => site.locations.length >= 2);
  if (usable.length === 0) throw new Error('the demo has no site with two places to keep items');
  return usable;
}

/** Takes `count` barcode numbers at once from the one sequence, so the codes the server gives later follow them. */
async function reserveNumbers(client: Client, count: number): Promise<number> {
  const [{ first }] = (await client.query(`SELECT nextval('barcode_numbers')::bigint AS first`)).rows as { first: string }[];
  await client.query(`SELECT setval('barcode_numbers', $1)`, [Number(first) + count]);
  return Number(first);
}

/** A COPY FROM STDIN in PostgreSQL's text format, fed row by row, waiting when the socket is full. */
function copy(client: Client, target: string): { row(values: (string | number | null)[]): Promise<void>; end(): Promise<void> } {
  const stream: Writable = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  let buffered = '';
  const flush = async () => {
    if (!stream.write(buffered)) await once(stream, 'drain');
    buffered = '';
  };
  return {
    async row(values) {
      buffered += `${values.map((value) => (value === null ? '\\N' : escapeCopy(String(value)))).join('\t')}\n`;
      if (buffered.length > 1 << 20) await flush();
    },
    async end() {
      await flush();
      stream.end();
      await once(stream, 'finish');
    },
  };
}

function escapeCopy(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
  return value.replace(/[\\\t\n\r]/g, (character) => escapes[character]);
}
