import { PrinterEmulator } from '../../printers/emulator';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { listRoutes } from '../support/routes';
import { accessMatrix, actors, Fixture, Who } from './access-matrix';

describe('the access matrix', () => {
  let custody: TestApp;
  let fixture: Fixture;
  const emulators = [new PrinterEmulator({ type: 'zpl' }), new PrinterEmulator({ type: 'epson' })];
  const tokens = new Map<Who, string>();

  beforeAll(async () => {
    custody = await startTestApp();
    for (const who of actors) if (who !== 'anonymous') tokens.set(who, await custody.token(who));
    const [{ id: clerk2Id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'clerk2'`);
    const [{ id: organizationId }] = await custody.sql<{ id: string }>(`SELECT organization_id AS id FROM sites WHERE code = 'POL-BRU'`);
    const locationOf = async (site: string) =>
      (
        await custody.sql<{ code: string }>(
          `SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = $1 AND l.kind = 'room' ORDER BY l.name LIMIT 1`,
          [site],
        )
      )[0].code;
    // an evidence officer at the court's site, only to register the item that is "other" to the officer
    await custody
      .http()
      .post('/users')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .send({ username: 'tpi-officer', displayName: 'TPI Officer', password: 'custody-demo', roles: [{ role: 'evidence_officer', site: 'TPI-BRU' }] })
      .expect(201);
    const own = await given(custody).seizure();
    const other = await given(custody).seizure({ officer: 'tpi-officer', site: 'TPI-BRU' });
    const { items: policeItems } = await given(custody).seizure({ items: 7 });
    const {
      items: [courtItem],
    } = await given(custody).seizure({ officer: 'tpi-officer', site: 'TPI-BRU' });
    const [toAdd, toRemove, onDraft, toCancel, toDispatch, toReceive, toClose] = policeItems.map((item) => item.code);
    const transfers = {
      draft: (await given(custody).transfer({ items: [onDraft, toRemove] })).code,
      toCancel: (await given(custody).transfer({ items: [toCancel] })).code,
      toDispatch: (await given(custody).transfer({ items: [toDispatch] })).code,
      toReceive: (await given(custody).transfer({ items: [toReceive], dispatch: true })).code,
      toClose: (await given(custody).transfer({ items: [toClose], dispatch: true })).code,
      other: (await given(custody).transfer({ by: 'tpi-officer', items: [courtItem.code], toSite: 'OCSC' })).code,
    };
    const { items: lifeItems } = await given(custody).seizure({ items: 6 });
    const [toCheckOut, toCheckIn, toSample, toReseal, toDispose, toReview] = lifeItems.map((item) => item.code);
    await (
      await custody.as('officer')
    )
      .post(`/items/${toCheckIn}/checkouts`, { person: 'Me Dubois', purpose: 'Hearing', expectedReturn: '2099-01-01' })
      .expect(201);
    const officer = await custody.as('officer');
    const auditOf = async (body: object) => (await officer.post('/audits', body).expect(201)).body.id as string;
    const audits = {
      open: await auditOf({ site: 'POL-BRU' }),
      toFinish: await auditOf({ site: 'POL-BRU' }),
      finished: await auditOf({ site: 'POL-BRU', location: await given(custody).location('POL-BRU', 'Shelf B') }),
    };
    await officer.post(`/audits/${audits.finished}/finish`).expect(200);
    const admin = await custody.as('admin');
    const printerAt = async (site: string, emulator: PrinterEmulator) =>
      (await admin.post('/printers', { site, name: 'Desk', host: '127.0.0.1', port: await emulator.start(), type: emulator.type }).expect(201)).body
        .id as string;
    const [ownPrinter, otherPrinter] = [await printerAt('POL-BRU', emulators[0]), await printerAt('TPI-BRU', emulators[1])];
    const printJob = async (who: string, printer: string, code: string) =>
      (await (await custody.as(who)).post('/print-jobs', { printer, codes: [code] }).expect(202)).body.id as string;
    const [ownPrintJob, otherPrintJob] = [await printJob('officer', ownPrinter, own.items[0].code), await printJob('clerk', otherPrinter, other.items[0].code)];
    // a receiver nobody listens at, on loopback: its deliveries fail, and one failed delivery is there to send again
    const webhook = (await admin.post('/webhooks', { site: 'POL-BRU', url: 'http://127.0.0.1:1/hook', eventTypes: ['disposed'] }).expect(201)).body
      .id as string;
    await custody.integrated();
    const [{ id: failedDelivery }] = await custody.sql<{ id: string }>(
      `INSERT INTO webhook_deliveries (subscription_id, position, item_code, event_type, status)
       SELECT $1, sequence, item_code, type, 'failed' FROM custody_events ORDER BY sequence LIMIT 1 RETURNING id`,
      [webhook],
    );
    const checkpoint = (await custody.http().post('/ledger/checkpoints').auth(tokens.get('admin')!, { type: 'bearer' }).expect(201)).body;
    let counter = 0;
    fixture = {
      checkpoint,
      transfers,
      audits,
      life: { toCheckOut, toCheckIn, toSample, toReseal, toDispose, toReview },
      ownPrinter,
      otherPrinter,
      webhook: { id: webhook, failedDelivery },
      ownPrintJob,
      otherPrintJob,
      itemToAdd: toAdd,
      itemToRemove: toRemove,
      itemToReceive: toReceive,
      clerk2Id,
      organizationId,
      ownLocation: await locationOf('POL-BRU'),
      otherLocation: await locationOf('TPI-BRU'),
      ownShelf: await given(custody).location('POL-BRU', 'Shelf A'),
      otherShelf: await given(custody).location('TPI-BRU', 'Shelf 1'),
      ownItem: own.items[0].code,
      otherItem: other.items[0].code,
      ownSeizure: own.code,
      otherSeizure: other.code,
      unique: () => `X${Date.now().toString(36).toUpperCase()}${++counter}`,
    };
  });
  afterAll(async () => {
    await custody.close();
    for (const emulator of emulators) await emulator.stop();
  });

  it('lists every route the app serves', () => {
    const listed = new Set(accessMatrix.map((entry) => entry.route));
    expect(listRoutes(custody.app).filter((route) => !listed.has(route))).toEqual([]);
    expect([...listed].filter((route) => !listRoutes(custody.app).includes(route))).toEqual([]);
  });

  it('lets auditors change no evidence: they read, and record inventories', () => {
    const auditorWrites = accessMatrix.filter(
      (entry) => entry.method !== 'get' && !entry.readsOnly && !entry.recordsInventory && !entry.ownPreferences && entry.expect.auditor < 400,
    );
    expect(auditorWrites).toEqual([]);
  });

  describe.each(accessMatrix.map((entry) => [`${entry.route}${entry.scope ? ` (${entry.scope})` : ''}`, entry] as const))('%s', (_name, entry) => {
    it.each(actors.map((who) => [who, entry.expect[who]] as const))('answers %s with %i', async (who, status) => {
      let call = custody.http()[entry.method](entry.path(fixture));
      const token = tokens.get(who);
      if (token) call = call.auth(token, { type: 'bearer' });
      const response = await (entry.body ? call.send(entry.body(fixture)) : call);
      expect({ status: response.status, body: response.status >= 400 ? response.body : undefined }).toEqual({
        status,
        body: status >= 400 ? expect.objectContaining({ statusCode: status, code: expect.stringMatching(/^[A-Z_]+$/) }) : undefined,
      });
    });
  });
});
