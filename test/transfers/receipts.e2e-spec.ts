import { CodeKind, formatCode } from '../../libs/codes';
import { given } from '../support/given';
import { binary, pdfText } from '../support/pdf-reading';
import { startTestApp, TestApp } from '../support/test-app';

/** What a receiving clerk meets: missing, damaged, unexpected and repeated scans, and the document that records them. */
describe('receiving a transfer', () => {
  let custody: TestApp;
  const as = (who: string) => custody.as(who);
  const eventCount = async () => (await custody.sql<{ count: number }>(`SELECT count(*)::int AS count FROM custody_events`))[0].count;

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  it('reports missing, damaged, unexpected and repeated scans, and records them on the transfer', async () => {
    const { items } = await given(custody).seizure({ items: 4 });
    const [intact, damaged, missingOne, missingTwo] = items.map((item) => item.code);
    const {
      items: [stranger],
    } = await given(custody).seizure();
    const transfer = (await given(custody).transfer({ items: [intact, damaged, missingOne, missingTwo], dispatch: true })).code;
    const clerk = await as('clerk');
    const strangerBefore = (await (await as('officer')).get(`/items/${stranger.code}/history`).expect(200)).body;

    const unknown = formatCode(CodeKind.Item, 999_999_999);
    const receipt = await clerk
      .post(`/transfers/${transfer}/receipts`, {
        items: [intact, { code: damaged, sealIntact: false, note: 'Scellé déchiré sur le côté' }, stranger.code, intact, unknown],
      })
      .expect(200);
    expect(receipt.body).toEqual({
      transfer,
      status: 'dispatched',
      received: [intact, damaged],
      alreadyReceived: [intact],
      unexpected: [stranger.code, unknown],
      damaged: [damaged],
      outstanding: 2,
    });
    // the damaged seal is in the item's event and the transfer's discrepancy list
    const damagedHistory = (await clerk.get(`/items/${damaged}/history`).expect(200)).body;
    expect(damagedHistory.at(-1)).toMatchObject({
      type: 'received',
      site: 'TPI-BRU',
      transfer,
      details: { from: 'POL-BRU', sealIntact: false, note: 'Scellé déchiré sur le côté' },
    });
    // an unexpected item is not touched
    expect((await (await as('officer')).get(`/items/${stranger.code}/history`).expect(200)).body).toEqual(strangerBefore);

    // scanning again changes nothing and writes nothing
    const events = await eventCount();
    const again = await clerk.post(`/transfers/${transfer}/receipts`, { items: [damaged, intact] }).expect(200);
    expect(again.body).toMatchObject({ received: [], alreadyReceived: [damaged, intact], outstanding: 2 });
    expect(await eventCount()).toBe(events);

    const closed = await clerk.post(`/transfers/${transfer}/close`).expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'clerk',
      missing: [missingOne, missingTwo].sort(),
      damaged: [{ code: damaged, note: 'Scellé déchiré sur le côté' }],
      unexpected: [stranger.code, unknown],
      counts: { items: 4, inTransit: 0, received: 2, missing: 2, damaged: 1, unexpected: 2 },
    });
    const officer = await as('officer');
    for (const code of [missingOne, missingTwo]) {
      expect((await officer.get(`/items/${code}`).expect(200)).body).toMatchObject({ status: 'missing', site: 'POL-BRU', location: null, transfer: null });
      expect((await officer.get(`/items/${code}/history`).expect(200)).body.at(-1)).toMatchObject({
        type: 'discrepancy',
        actor: 'clerk',
        site: 'TPI-BRU',
        transfer,
        details: { kind: 'missing', from: 'POL-BRU', to: 'TPI-BRU' },
      });
    }
    // nothing arrives on a closed transfer
    const late = await clerk.post(`/transfers/${transfer}/receipts`, { items: [missingOne] }).expect(409);
    expect(late.body).toMatchObject({ code: 'TRANSFER_STATE', message: expect.stringContaining('is closed') });
    await clerk.post(`/transfers/${transfer}/close`).expect(409);

    // the document shows what was received, missing and damaged, on both copies
    const pdf = await clerk.get(`/transfers/${transfer}/manifest.pdf`).buffer(true).parse(binary).expect(200).expect('content-type', 'application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    for (const code of [transfer, intact, damaged, missingOne, missingTwo, stranger.code]) expect(text).toContain(code);
    expect(text).toContain('Copy for the sending site');
    expect(text).toContain('Copy for the receiving site');
    expect(text).toContain('Handed over by');
    expect(text).toContain('Received by');
    expect(text).toContain('MISSING');
    expect(text).toContain('SEAL DAMAGED');
    expect(text).toContain('Scellé déchiré sur le côté');
    expect(text.match(/Missing \(not received\)/g)).toHaveLength(2);
  });

  it('prints the manifest before dispatch with every item, its barcode and seal', async () => {
    const { items } = await given(custody).seizure({ items: 3 });
    const transfer = await given(custody).transfer({ items: items.map((item) => item.code), purpose: 'Audience du 12 décembre' });
    const pdf = await (await as('officer')).get(`/transfers/${transfer.code}/manifest.pdf`).buffer(true).parse(binary).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    for (const item of items) expect(text.match(new RegExp(item.code, 'g'))?.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Audience du 12 décembre');
    expect(text).toContain('Evidence room, Brussels police zone');
    expect(text.replace(/\s+/g, ' ')).toContain('Registry of exhibits, Court of first instance Brussels');
    expect(text).toMatch(/SEAL-\d+-0/);
  });

  it('closes by itself only when every item arrived with its seal intact', async () => {
    const {
      items: [one, two],
    } = await given(custody).seizure({ items: 2 });
    const transfer = (await given(custody).transfer({ items: [one.code, two.code], dispatch: true })).code;
    const clerk = await as('clerk');
    await clerk
      .post(`/transfers/${transfer}/receipts`, { items: [{ code: one.code, sealIntact: false, note: 'Seal number does not match' }, two.code] })
      .expect(200)
      .then(({ body }) => expect(body).toMatchObject({ status: 'dispatched', outstanding: 0 }));
    // the clerk closes it, having seen the damage
    expect((await clerk.post(`/transfers/${transfer}/close`).expect(200)).body).toMatchObject({ status: 'closed', missing: [] });
  });

  it('is done by the receiving site only', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const transfer = (await given(custody).transfer({ items: [item.code], dispatch: true })).code;
    // another site does not even learn that the transfer exists
    for (const who of ['confiscation', 'analyst']) {
      const response = await (await as(who)).post(`/transfers/${transfer}/receipts`, { items: [item.code] }).expect(404);
      expect(response.body.code).toBe('NOT_FOUND');
      await (await as(who)).post(`/transfers/${transfer}/close`).expect(404);
    }
    // the sender sees it but cannot scan it in; auditors change nothing
    await (await as('officer')).post(`/transfers/${transfer}/receipts`, { items: [item.code] }).expect(403);
    await (await as('auditor')).post(`/transfers/${transfer}/receipts`, { items: [item.code] }).expect(403);
    await (await as('officer')).post(`/transfers/${transfer}/close`).expect(403);
    expect((await (await as('officer')).get(`/items/${item.code}`).expect(200)).body.status).toBe('in_transit');
    // and a draft is not received
    const {
      items: [other],
    } = await given(custody).seizure();
    const draft = await given(custody).transfer({ items: [other.code] });
    // a draft is not the receiving site's to see yet
    await (await as('clerk')).post(`/transfers/${draft.code}/receipts`, { items: [other.code] }).expect(404);
  });
});
