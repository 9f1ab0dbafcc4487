import { checkCharacter } from '../../libs/codes';
import { verifyItemChain } from '../../libs/ledger';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

describe('items: looking up, listing and storing', () => {
  let custody: TestApp;
  let officer: string;
  const as = (token: string) => ({
    get: (path: string) => custody.http().get(path).auth(token, { type: 'bearer' }),
    move: (code: string, body: object) => custody.http().post(`/items/${code}/moves`).auth(token, { type: 'bearer' }).send(body),
  });
  const eventsOf = async (code: string) =>
    Number((await custody.sql<{ count: number }>(`SELECT count(*)::int AS count FROM custody_events WHERE item_code = $1`, [code]))[0].count);

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
  });
  afterAll(() => custody.close());

  it('moves an item onto a shelf and into a bin, one event each, and its history verifies', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const bin = await given(custody).location('POL-BRU', 'Bin A1');

    const stored = await as(officer)
      .move(item.code, { location: ` ]C0${shelf.toLowerCase()}\r\n` })
      .expect(200);
    expect(stored.body).toMatchObject({ code: item.code, status: 'in_custody', site: 'POL-BRU', location: shelf });
    await as(officer).move(item.code, { location: bin, reason: 'Shelf reorganisation' }).expect(200);

    const history = await as(officer).get(`/items/${item.code}/history`).expect(200);
    expect(
      history.body.map((event: { type: string; location: string | null; details: object; reason: string | null }) => [
        event.type,
        event.location,
        event.details,
        event.reason,
      ]),
    ).toEqual([
      ['seized', null, expect.any(Object), null],
      ['moved', shelf, { from: null }, null],
      ['moved', bin, { from: shelf }, 'Shelf reorganisation'],
    ]);
    expect(history.body.every((event: { actor: string }) => event.actor === 'officer')).toBe(true);
    expect(verifyItemChain(history.body.map((event: object) => ({ ...event, item: item.code })))).toEqual({ ok: true });
    const fetched = await as(officer).get(`/items/${item.code}`).expect(200);
    expect(fetched.body.location).toBe(bin);
  });

  it('writes nothing when an item is scanned onto the shelf it is already on', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const shelf = await given(custody).location('POL-BRU', 'Shelf B');
    await as(officer).move(item.code, { location: shelf }).expect(200);
    const events = await eventsOf(item.code);
    const again = await as(officer).move(item.code, { location: shelf }).expect(200);
    expect(again.body.location).toBe(shelf);
    expect(await eventsOf(item.code)).toBe(events);
  });

  it('keeps an item in its own site, and only moves items in custody', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const otherSite = await given(custody).location('TPI-BRU', 'Shelf 1');
    const before = await eventsOf(item.code);
    const elsewhere = await as(officer).move(item.code, { location: otherSite }).expect(400);
    expect(elsewhere.body.fields).toEqual([{ field: 'location', problem: 'is a location of another site; an item moves only within its own site' }]);
    const notALocation = await as(officer).move(item.code, { location: item.code }).expect(400);
    expect(notALocation.body.fields).toEqual([{ field: 'location', problem: 'is an item code, not a location code' }]);
    const badCheck = await as(officer)
      .move(item.code, { location: otherSite.slice(0, -1) + (otherSite.endsWith('1') ? '2' : '1') })
      .expect(400);
    expect(badCheck.body.fields).toEqual([{ field: 'location', problem: 'has a wrong check character' }]);
    const unknown = await as(officer)
      .move(item.code, { location: 'L9999999990'.slice(0, 10) + checkCharacter('L999999999') })
      .expect(400);
    expect(unknown.body.fields).toEqual([{ field: 'location', problem: 'names no location' }]);
    await as(officer).move(item.code, { location: 42 }).expect(400);
    await as(officer).move(item.code, {}).expect(400);
    expect(await eventsOf(item.code)).toBe(before);

    // an item that went missing (sent, and not there when the receiving site closed the transfer) cannot be stored
    const transfer = await given(custody).transfer({ items: [item.code], dispatch: true, witness: 'officer2' });
    await (await custody.as('clerk')).post(`/transfers/${transfer.code}/close`).expect(200);
    const missing = await as(officer)
      .move(item.code, { location: await given(custody).location('POL-BRU', 'Shelf A') })
      .expect(409);
    expect(missing.body).toMatchObject({ code: 'ITEM_NOT_IN_CUSTODY', message: expect.stringContaining('missing') });
  });

  it('lets only people of the item’s site act on it; auditors read, never move', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const clerk = await custody.token('clerk');
    await as(clerk).get(`/items/${item.code}`).expect(404);
    await as(clerk).get(`/items/${item.code}/history`).expect(404);
    await as(clerk).move(item.code, { location: shelf }).expect(404);
    const auditor = await custody.token('auditor');
    await as(auditor).get(`/items/${item.code}`).expect(200);
    await as(auditor).get(`/items/${item.code}/history`).expect(200);
    await as(auditor).move(item.code, { location: shelf }).expect(403);
    await as(await custody.token('admin'))
      .move(item.code, { location: shelf })
      .expect(403);
    await as(await custody.token('officer2'))
      .move(item.code, { location: shelf })
      .expect(200);
    const history = await as(officer).get(`/items/${item.code}/history`).expect(200);
    expect(history.body.at(-1)).toMatchObject({ type: 'moved', actor: 'officer2' });
  });

  it('answers a malformed item code with 400 and its reason, an unknown one with 404', async () => {
    const wrongLength = await as(officer).get('/items/I123').expect(400);
    expect(wrongLength.body.fields).toEqual([{ field: 'code', problem: 'must be 11 characters long, not 4' }]);
    await as(officer)
      .get(`/items/I999999999${checkCharacter('I999999999')}`)
      .expect(404);
    const location = await as(officer)
      .get(`/items/${await given(custody).location('POL-BRU', 'Shelf A')}`)
      .expect(400);
    expect(location.body.fields[0].problem).toBe('is a location code, not an item code');
  });

  it('survives 50 concurrent moves of one item to 50 places: one final place, exactly 50 events', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const admin = await custody.token('admin');
    const room = await custody.http().post('/sites/POL-BRU/locations').auth(admin, { type: 'bearer' }).send({ name: 'Race room', kind: 'room' }).expect(201);
    const shelves: string[] = [];
    for (let index = 1; index <= 50; index++) {
      const shelf = await custody
        .http()
        .post('/sites/POL-BRU/locations')
        .auth(admin, { type: 'bearer' })
        .send({ name: `Race shelf ${index}`, kind: 'shelf', parent: room.body.code })
        .expect(201);
      shelves.push(shelf.body.code);
    }
    const before = await eventsOf(item.code);
    const responses = await Promise.all(shelves.map((shelf) => as(officer).move(item.code, { location: shelf })));
    expect(responses.map((response) => response.status)).toEqual(shelves.map(() => 200));

    const history = (await as(officer).get(`/items/${item.code}/history`).expect(200)).body as {
      location: string;
      type: string;
      details: { from: string | null };
    }[];
    const moves = history.slice(before);
    expect(moves).toHaveLength(50);
    expect(new Set(moves.map((move) => move.location))).toEqual(new Set(shelves));
    // every move starts where the one before it ended: none was lost, none applied on a stale state
    moves.forEach((move, index) => expect(move.details.from).toBe(index === 0 ? null : moves[index - 1].location));
    const [{ location }] = await custody.sql<{ location: string }>(
      `SELECT l.code AS location FROM items i JOIN locations l ON l.id = i.location_id WHERE i.code = $1`,
      [item.code],
    );
    expect(location).toBe(moves.at(-1)!.location);
    expect(verifyItemChain(history.map((event) => ({ ...(event as object), item: item.code }) as never))).toEqual({ ok: true });
  });
});
