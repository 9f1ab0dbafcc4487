import { PrinterEmulator } from '../../printers/emulator';
import { startTestApp, TestApp } from '../support/test-app';

/** Labels speak the language of the site that prints them, write its numbers, transliterate what the printer lacks and never cut the case reference. */
describe('label text', () => {
  let custody: TestApp;
  const emulators: PrinterEmulator[] = [];

  const printerAt = async (site: string, type: 'epson' | 'star' | 'zpl', widthMm: number, dpi = 203) => {
    const emulator = new PrinterEmulator({ type, widthDots: 1200 });
    emulators.push(emulator);
    const port = await emulator.start();
    const created = await (
      await custody.as('admin')
    )
      .post('/printers', { site, name: `${type} ${port}`, host: '127.0.0.1', port, type, widthMm, dpi })
      .expect(201);
    return { emulator, id: created.body.id as string };
  };
  const printed = async (who: string, printer: string, codes: string[]) => {
    const as = await custody.as(who);
    const id = (await as.post('/print-jobs', { printer, codes }).expect(202)).body.id;
    for (let waited = 0; waited < 20_000; waited += 50) {
      const job = (await as.get(`/print-jobs/${id}`).expect(200)).body;
      if (job.status === 'printed') return job;
      if (job.status === 'failed') throw new Error(`print job failed: ${job.error}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the job did not finish');
  };

  let cases = 0;
  /** An item seized at POL-BRU by the officer, as told; its code. */
  const seized = async (item: object, caseNumber = `PV/LANG/${++cases}`) => {
    const response = await (
      await custody.as('officer')
    )
      .post('/seizures', {
        site: 'POL-BRU',
        caseNumber,
        seizedAt: new Date(Date.now() - 3_600_000).toISOString(),
        items: [{ category: 'document', description: 'Exhibit', quantity: 1, unit: 'piece', ...item }],
      })
      .expect(201);
    return response.body.items[0].code as string;
  };

  beforeAll(async () => {
    custody = await startTestApp({ PRINT_RETRY_DELAY_SECONDS: '1' });
  });
  afterAll(async () => {
    await custody.close();
    for (const emulator of emulators) await emulator.stop();
  });

  it('shows every site’s document languages, the primary first, and lets administrators change them', async () => {
    const expected = { 'POL-BRU': ['fr'], 'TPI-BRU': ['fr', 'nl'], OCSC: ['fr'], INCC: ['nl'] };
    const sites = (await (await custody.as('admin')).get('/sites').expect(200)).body;
    expect(Object.fromEntries(sites.map((site: { code: string; documentLanguages: string[] }) => [site.code, site.documentLanguages]))).toEqual(expected);
    const directory = (await (await custody.as('officer')).get('/sites/directory').expect(200)).body;
    expect(Object.fromEntries(directory.map((site: { code: string; documentLanguages: string[] }) => [site.code, site.documentLanguages]))).toEqual(expected);

    const admin = await custody.token('admin');
    const changed = await custody
      .http()
      .patch('/sites/OCSC')
      .auth(admin, { type: 'bearer' })
      .send({ documentLanguages: ['nl', 'fr'] })
      .expect(200);
    expect(changed.body.documentLanguages).toEqual(['nl', 'fr']);
    const organization = sites[0].organization.id;
    const created = await (await custody.as('admin')).post('/sites', { code: 'POL-ANT', name: 'Antwerp', organization }).expect(201);
    expect(created.body.documentLanguages).toEqual(['en']);
    await custody
      .http()
      .patch('/sites/OCSC')
      .auth(admin, { type: 'bearer' })
      .send({ documentLanguages: ['fr'] })
      .expect(200);
  });

  it('prints labels in the primary language of the printer’s site, with its numbers', async () => {
    const { emulator, id } = await printerAt('POL-BRU', 'zpl', 102);
    const code = await seized({ category: 'drugs', quantity: 12.5, unit: 'g', sealNumber: 'SEAL-7' });
    const admin = await custody.token('admin');
    const expected: [string[], string[]][] = [
      [['fr'], ['stupéfiants · 12,5 g', 'Scellé SEAL-7']],
      [
        ['nl', 'fr'],
        ['drugs · 12,5 g', 'Zegel SEAL-7'],
      ],
      [['en'], ['drugs · 12.5 g', 'Seal SEAL-7']],
    ];
    for (const [index, [languages, facts]] of expected.entries()) {
      await custody.http().patch('/sites/POL-BRU').auth(admin, { type: 'bearer' }).send({ documentLanguages: languages }).expect(200);
      await printed('officer', id, [code]);
      const jobs = await emulator.waitForJobs(index + 1);
      expect(jobs[index].decoded().labels[0].text).toEqual(expect.arrayContaining(facts));
    }
    // the third print is the second reprint, said in English
    expect(emulator.jobs[2].decoded().labels[0].text[0]).toBe('REPRINT 2');
    await custody
      .http()
      .patch('/sites/POL-BRU')
      .auth(admin, { type: 'bearer' })
      .send({ documentLanguages: ['fr'] })
      .expect(200);
  });

  it('writes amounts as the language does, and says there is no seal', async () => {
    const { emulator, id } = await printerAt('POL-BRU', 'epson', 80);
    await printed('officer', id, [await seized({ category: 'cash', quantity: 2450, unit: 'EUR' })]);
    const [job] = await emulator.waitForJobs(1);
    expect(job.decoded().labels[0].text).toEqual(expect.arrayContaining(['argent liquide · 2 450 EUR', 'Sans scellé']));
  });

  it('transliterates what the printer’s code page lacks instead of dropping it', async () => {
    const { emulator, id } = await printerAt('POL-BRU', 'star', 80);
    await printed('officer', id, [await seized({ description: 'Passeport de Петровић, né à Łódź (Αθήνα)' })]);
    const [job] = await emulator.waitForJobs(1);
    expect(job.decoded().labels[0].text.join(' ')).toContain('Passeport de Petrovic, né à Lodz (Athina)');
  });

  it.each([
    ['a 58 mm roll', 'epson', 58, 203],
    ['a 2×1 in label', 'zpl', 51, 203],
    ['a 2×1 in label at 300 dpi', 'zpl', 51, 300],
  ] as const)('never cuts the case reference on %s', async (_name, type, widthMm, dpi) => {
    const { emulator, id } = await printerAt('POL-BRU', type, widthMm, dpi);
    const caseNumber = 'BR.12.LL.123456/2026 PARQUET DE BRUXELLES 987654';
    const code = await seized({}, caseNumber);
    await printed('officer', id, [code]);
    await printed('officer', id, [code]);
    const jobs = await emulator.waitForJobs(2);
    for (const job of jobs) {
      // the heading's lines, after RÉIMPRESSION n on a reprint, put back together
      const text = job.decoded().labels[0].text.filter((line) => !line.startsWith('RÉIMPRESSION'));
      expect(text.slice(0, 4).join(' ')).toContain(caseNumber);
      expect(job.decoded().problems).toEqual([]);
    }
  });
});
