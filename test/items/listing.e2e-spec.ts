import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

describe('listing and searching items', () => {
  let custody: TestApp;
  let officer: string;
  let drugs: { code: string; caseNumber: string; items: { code: string }[] };
  let cash: { code: string; caseNumber: string; items: { code: string }[] };
  const list = async (token: string, query: string) => (await custody.http().get(`/items?${query}`).auth(token, { type: 'bearer' }).expect(200)).body;
  const codes = (page: { data: { code: string }[] }) => page.data.map((item) => item.code);

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
    drugs = await given(custody).seizure({ items: 3, category: 'drugs' });
    cash = await given(custody).seizure({ items: 2, category: 'cash' });
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const bin = await given(custody).location('POL-BRU', 'Bin A1');
    await custody.http().post(`/items/${drugs.items[0].code}/moves`).auth(officer, { type: 'bearer' }).send({ location: shelf }).expect(200);
    await custody.http().post(`/items/${drugs.items[1].code}/moves`).auth(officer, { type: 'bearer' }).send({ location: bin }).expect(200);
  });
  afterAll(() => custody.close());

  it('finds the items of a case', async () => {
    const page = await list(officer, `caseNumber=${encodeURIComponent(drugs.caseNumber)}&sort=code`);
    expect(codes(page)).toEqual(drugs.items.map((item) => item.code).sort());
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
  });

  it('filters by category, status and site, sorts and pages', async () => {
    expect(codes(await list(officer, 'category=cash&sort=-code'))).toEqual(
      cash.items
        .map((item) => item.code)
        .sort()
        .reverse(),
    );
    expect((await list(officer, 'status=in_custody&site=POL-BRU')).total).toBe(5);
    expect((await list(officer, 'status=missing')).total).toBe(0);
    const first = await list(officer, 'sort=code&pageSize=2');
    const second = await list(officer, 'sort=code&pageSize=2&page=2');
    expect(first.total).toBe(5);
    expect([...codes(first), ...codes(second)]).toEqual(
      [...drugs.items, ...cash.items]
        .map((item) => item.code)
        .sort()
        .slice(0, 4),
    );
  });

  it('finds what is on a shelf, including its bins', async () => {
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const bin = await given(custody).location('POL-BRU', 'Bin A1');
    expect(codes(await list(officer, `location=${shelf}&sort=code`))).toEqual([drugs.items[0].code, drugs.items[1].code].sort());
    expect(codes(await list(officer, `location=${bin}`))).toEqual([drugs.items[1].code]);
  });

  it('shows each person only the sites they work at, and auditors everything', async () => {
    expect((await list(await custody.token('clerk'), '')).total).toBe(0);
    expect((await list(await custody.token('auditor'), 'site=POL-BRU')).total).toBe(5);
    await custody
      .http()
      .get('/items?site=POL-BRU')
      .auth(await custody.token('clerk'), { type: 'bearer' })
      .expect(404);
    const tpiShelf = await given(custody).location('TPI-BRU', 'Shelf 1');
    await custody.http().get(`/items?location=${tpiShelf}`).auth(officer, { type: 'bearer' }).expect(404);
  });

  it('refuses bad filters naming them', async () => {
    const response = await custody
      .http()
      .get('/items?status=lost&category=gold&sort=colour&pageSize=0&location=L1')
      .auth(officer, { type: 'bearer' })
      .expect(400);
    expect(response.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['category', 'pageSize', 'sort', 'status']);
    const location = await custody.http().get('/items?location=L1').auth(officer, { type: 'bearer' }).expect(400);
    expect(location.body.fields).toEqual([{ field: 'location', problem: 'must be 11 characters long, not 2' }]);
  });
});
