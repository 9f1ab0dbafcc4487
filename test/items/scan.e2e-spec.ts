import { checkCharacter } from '../../libs/codes';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /scan/:code', () => {
  let custody: TestApp;
  let officer: string;
  const scan = (token: string, code: string) =>
    custody
      .http()
      .get(`/scan/${encodeURIComponent(code)}`)
      .auth(token, { type: 'bearer' });

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
  });
  afterAll(() => custody.close());

  it('resolves an item, a location and a seizure, however the scanner sent the code', async () => {
    const seizure = await given(custody).seizure({ items: 2 });
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const item = await scan(officer, `]C0${seizure.items[1].code.toLowerCase()}\r\n`).expect(200);
    expect(item.body).toMatchObject({ kind: 'item', code: seizure.items[1].code, status: 'in_custody', site: 'POL-BRU', seizure: seizure.code });
    const location = await scan(officer, ` ${shelf} `).expect(200);
    expect(location.body).toEqual({
      kind: 'location',
      code: shelf,
      name: 'Shelf A',
      locationKind: 'shelf',
      site: 'POL-BRU',
      parent: expect.any(String),
      path: 'Evidence room › Shelf A',
    });
    const seizureScan = await scan(officer, `]d2${seizure.code}`).expect(200);
    expect(seizureScan.body).toMatchObject({
      kind: 'seizure',
      code: seizure.code,
      caseNumber: seizure.caseNumber,
      items: [{ code: seizure.items[0].code }, { code: seizure.items[1].code }],
    });
  });

  it('answers a well-formed code that names nothing with 404', async () => {
    for (const payload of ['I999999999', 'L999999999', 'S999999999', 'T000000001']) {
      const response = await scan(officer, payload + checkCharacter(payload)).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it.each([
    ['X000000001', 'has an unknown prefix "X"'],
    ['I12345', 'must be 11 characters long, not 6'],
    ['I00000000A1', 'must have digits between its prefix and check character'],
    [`I000000001${checkCharacter('I000000001') === '1' ? '2' : '1'}`, 'has a wrong check character'],
    ['', 'is empty'],
  ])('answers the malformed code "%s" with 400 and the reason', async (code, problem) => {
    const response = await scan(officer, code || ' ');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'code', problem }] });
  });

  it('hides what belongs to other sites, and shows auditors everything', async () => {
    const seizure = await given(custody).seizure();
    const tpiShelf = await given(custody).location('TPI-BRU', 'Shelf 1');
    const clerk = await custody.token('clerk');
    await scan(clerk, seizure.items[0].code).expect(404);
    await scan(clerk, seizure.code).expect(404);
    await scan(officer, tpiShelf).expect(404);
    const auditor = await custody.token('auditor');
    await scan(auditor, seizure.items[0].code).expect(200);
    await scan(auditor, tpiShelf).expect(200);
    await custody.http().get(`/scan/${seizure.items[0].code}`).expect(401);
  });
});
