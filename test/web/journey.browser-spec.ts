import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { CodeKind, formatCode } from '../../libs/codes';
import { PrinterEmulator } from '../../printers/emulator';
import { Phrase } from '../../web/src/i18n/en';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityProblems, closedPort, dictionaries, eventually, Language, launchChromium, listen, scan, screenshot, sentence, signedIn } from './browser';

/**
 * The path, in the browser, once in each language: the officer seizes, labels, stores and
 * sends to the court; the clerk receives there with one item missing and one unexpected; the
 * auditor verifies the missing item's chain; the officer audits a bin.
 */
describe.each(['fr', 'nl', 'en'] as Language[])('the evidence room and the registry, in the browser (%s)', (language) => {
  const words = dictionaries[language];
  const say = (phrase: Phrase, values: Record<string, string | number> = {}) => sentence(language, phrase, values);
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const police = new PrinterEmulator({ type: 'epson' });
  const court = new PrinterEmulator({ type: 'zpl' });
  const pageErrors: string[] = [];
  const inaccessible: string[] = [];
  // every main screen is pictured for a person to look at, and checked by axe-core for what a machine can tell
  const shot = async (page: Page, name: string) => {
    await screenshot(page, `${language}-${name}`);
    inaccessible.push(...(await accessibilityProblems(page)).map((problem) => `${name}: ${problem}`));
  };

  let officer: Page;
  let seized: { code: string; description: string }[] = [];
  let transferCode = '';
  const locationCode = async (site: string, name: string) =>
    (await custody.sql<{ code: string }>(`SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = $1 AND l.name = $2`, [site, name]))[0]
      .code;
  const itemRow = async (code: string) =>
    (
      await custody.sql<{ status: string; location: string | null; site: string }>(
        `SELECT i.status, l.code AS location, s.code AS site FROM items i LEFT JOIN locations l ON l.id = i.location_id JOIN sites s ON s.id = i.site_id WHERE i.code = $1`,
        [code],
      )
    )[0];

  const open = async (username: string): Promise<Page> => {
    const page = await signedIn(browser, base, username, {
      locale: language === 'en' ? 'en-GB' : `${language}-BE`,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(page.context());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => dialog.accept());
    return page;
  };
  const navigate = (page: Page, phrase: Phrase) =>
    page.getByRole('navigation', { name: words['nav.label'] }).getByRole('link', { name: words[phrase], exact: true }).click();
  const downloaded = async (page: Page, click: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return readFileSync((await download.path())!);
  };

  beforeAll(async () => {
    custody = await startTestApp();
    base = await listen(custody);
    await custody.sql(`UPDATE users SET language = $1 WHERE username IN ('officer', 'officer2', 'clerk', 'auditor')`, [language]);
    for (const [site, emulator] of [
      ['POL-BRU', police],
      ['TPI-BRU', court],
    ] as const) {
      await custody.sql(`UPDATE printers SET port = $2 WHERE site_id = (SELECT id FROM sites WHERE code = $1)`, [site, await emulator.start()]);
    }
    // the confiscation office's printer is switched off: a port that was just free, on this machine only
    await custody.sql(`UPDATE printers SET port = $1 WHERE site_id = (SELECT id FROM sites WHERE code = 'OCSC')`, [await closedPort()]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await police.stop();
    await court.stop();
    await custody?.close();
  });
  afterEach(() => {
    expect(pageErrors).toEqual([]);
    expect(inaccessible).toEqual([]);
  });

  it('signs the officer in, in their language, after telling a wrong password in words', async () => {
    const context = await browser.newContext({
      locale: language === 'en' ? 'en-GB' : `${language}-BE`,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    officer = await context.newPage();
    officer.on('pageerror', (error) => pageErrors.push(error.message));
    officer.on('dialog', (dialog) => dialog.accept());
    await officer.goto(base);
    expect(await officer.getByRole('button', { name: words['signIn.submit'] }).isVisible()).toBe(true);
    await officer.locator('input[name=username]').fill('officer');
    await officer.locator('input[name=password]').fill('not-the-password');
    await officer.keyboard.press('Enter');
    expect(await officer.getByRole('alert').textContent()).toBe(words['error.INVALID_CREDENTIALS']);
    await shot(officer, '01-sign-in-refused');
    await officer.locator('input[name=password]').fill('custody-demo');
    await officer.keyboard.press('Enter');
    await officer.getByTestId('signed-in-as').waitFor();
    expect(await officer.getByRole('heading', { level: 1 }).textContent()).toBe(words['scanDesk.title']);
    expect(await officer.locator('html').getAttribute('lang')).toBe(language);

    const unknown = await scan(officer, formatCode(CodeKind.Item, 999_999_999));
    expect(unknown).toEqual({ outcome: 'warning', text: say('scan.unknown', { code: formatCode(CodeKind.Item, 999_999_999) }) });
    const misread = formatCode(CodeKind.Item, 22).slice(0, -1) + (formatCode(CodeKind.Item, 22).endsWith('0') ? '1' : '0');
    expect(await scan(officer, misread)).toEqual({ outcome: 'error', text: say('scan.misread', { code: misread }) });
    await shot(officer, '02-scan-desk');
  });

  it('registers a seizure of four items in one form, shows every label and prints them all on the site’s printer', async () => {
    await navigate(officer, 'nav.seizure');
    await officer.locator('input[name=caseNumber]').fill(`PV/WEB/${language}/26`);
    await officer.locator('input[name=seizingUnit]').fill('Brigade judiciaire');
    for (let row = 2; row <= 4; row++) await officer.getByRole('button', { name: words['seizure.addItem'] }).click();
    const rows = [
      { category: 'drugs', description: `Cannabis resin ${language}`, quantity: '12,5', unit: 'g', seal: 'S-1001' },
      { category: 'digital_device', description: `Phone ${language}`, quantity: '1', unit: '', seal: 'S-1002' },
      { category: 'document', description: `Ledger book ${language}`, quantity: '1', unit: '', seal: 'S-1003' },
      { category: 'other', description: `Crowbar ${language}`, quantity: '1', unit: '', seal: '' },
    ];
    for (const [index, row] of rows.entries()) {
      const field = (phrase: Phrase) => officer.getByLabel(`${words[phrase]} ${index + 1}`, { exact: true });
      await field('field.category').selectOption(row.category);
      await field('field.description').fill(row.description);
      await field('field.quantity').fill(row.quantity);
      if (row.unit) await field('field.unit').fill(row.unit);
      if (row.seal) await field('field.sealNumber').fill(row.seal);
    }
    const crowbarQuantity = officer.getByLabel(`${words['field.quantity']} 4`, { exact: true });
    await crowbarQuantity.fill('0');
    await officer.getByRole('button', { name: say('seizure.register', { count: 4 }) }).click();
    await eventually(async () =>
      expect(await officer.getByRole('alert').textContent()).toBe(say('error.fields', { fields: `${words['field.item']} 4: ${words['field.quantity']}` })),
    );
    expect(await custody.sql(`SELECT 1 FROM seizures WHERE case_number = $1`, [`PV/WEB/${language}/26`])).toEqual([]);
    await shot(officer, '03-seizure-form-refused');
    await crowbarQuantity.fill('1');
    await officer.getByRole('button', { name: say('seizure.register', { count: 4 }) }).click();
    await eventually(async () => expect(await officer.getByTestId('seized-item').count()).toBe(4));
    expect(officer.url()).toMatch(/#\/seizures\/S\d{9}[\dX]$/);

    const items = await custody.sql<{ code: string; description: string; quantity: string; unit: string }>(
      `SELECT code, description, quantity, unit FROM items WHERE description LIKE $1 ORDER BY code`,
      [`% ${language}`],
    );
    expect(items.map((item) => [item.description, Number(item.quantity), item.unit])).toEqual([
      [`Cannabis resin ${language}`, 12.5, 'g'],
      [`Phone ${language}`, 1, words['seizure.defaultUnit']],
      [`Ledger book ${language}`, 1, words['seizure.defaultUnit']],
      [`Crowbar ${language}`, 1, words['seizure.defaultUnit']],
    ]);
    seized = items;
    await eventually(async () => {
      const widths = await officer
        .locator('img.label-preview')
        .evaluateAll((images) => images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth));
      expect(widths).toHaveLength(4);
      for (const width of widths) expect(width).toBeGreaterThan(300);
    });

    await officer.getByRole('button', { name: say('labels.printAll', { count: 4 }) }).click();
    await eventually(async () => expect(await officer.getByTestId('print-job').getAttribute('data-status')).toBe('printed'), 30_000);
    expect(await officer.getByTestId('print-job').textContent()).toContain(words['job.printed']);
    const [job] = await police.waitForJobs(1);
    const printed = job.decoded().labels.map((label) => label.barcodes.map((barcode) => barcode.data));
    expect(printed.map((codes) => codes[0])).toEqual(seized.map((item) => item.code));
    await shot(officer, '04-seizure-labels-printed');
  });

  it('stores one item by scanning item then shelf, and three in stocking mode, refusing another site’s location', async () => {
    await navigate(officer, 'nav.storage');
    const [drugs, phone, book, crowbar] = seized.map((item) => item.code);
    const shelf = await locationCode('POL-BRU', 'Shelf A');
    const bin = await locationCode('POL-BRU', 'Bin A1');
    expect(await scan(officer, drugs)).toEqual({ outcome: 'ok', text: say('storage.nowLocation', { item: drugs }) });
    const stored = await scan(officer, shelf);
    expect(stored.outcome).toBe('ok');
    expect(stored.text).toContain(drugs);
    expect(await itemRow(drugs)).toMatchObject({ location: shelf });

    await officer.getByRole('button', { name: words['storage.stocking'] }).click();
    expect((await scan(officer, phone)).outcome).toBe('warning');
    expect((await scan(officer, bin)).outcome).toBe('ok');
    for (const code of [phone, book, crowbar]) expect((await scan(officer, code)).outcome).toBe('ok');
    expect((await scan(officer, await locationCode('TPI-BRU', 'Shelf 1'))).outcome).toBe('warning');
    for (const code of [phone, book, crowbar]) expect(await itemRow(code)).toMatchObject({ location: bin, status: 'in_custody' });
    await shot(officer, '05-storage-stocking');
  });

  it('builds a manifest by scanning, needs a witness for the drugs, dispatches and gives the manifest PDF', async () => {
    const [drugs, phone, book] = seized.map((item) => item.code);
    await navigate(officer, 'nav.transfers');
    await officer.getByRole('link', { name: words['transfers.new'] }).click();
    await officer.locator('select[name=toSite]').selectOption('TPI-BRU');
    await officer.locator('input[name=purpose]').fill('Hearing of 2 December');
    await officer.getByRole('button', { name: words['transfers.create'] }).click();
    await eventually(() => expect(officer.url()).toMatch(/#\/transfers\/T\d{9}[\dX]$/));
    transferCode = officer.url().split('/').pop()!;
    for (const code of [drugs, phone, book]) expect(await scan(officer, code)).toEqual({ outcome: 'ok', text: say('transfer.added', { code }) });
    expect(await scan(officer, drugs)).toEqual({ outcome: 'warning', text: say('transfer.alreadyOn', { code: drugs }) });
    await eventually(async () => expect(await officer.getByTestId('transfer-line').count()).toBe(3));

    await officer.locator('input[name=witnessUsername]').fill('officer2');
    await officer.locator('input[name=witnessPassword]').fill('wrong-password');
    await officer.getByRole('button', { name: say('transfer.dispatch', { count: 3 }) }).click();
    await eventually(async () => expect(await officer.getByRole('alert').textContent()).toBe(words['error.WITNESS_REJECTED']));
    expect(await itemRow(drugs)).toMatchObject({ status: 'in_custody' });
    await officer.locator('input[name=witnessPassword]').fill('custody-demo');
    await shot(officer, '06-transfer-witness');
    await officer.getByRole('button', { name: say('transfer.dispatch', { count: 3 }) }).click();
    await eventually(async () => expect(await officer.getByTestId('transfer-status').textContent()).toContain(words['transferStatus.dispatched']));
    for (const code of [drugs, phone, book]) expect(await itemRow(code)).toMatchObject({ status: 'in_transit' });
    const [transfer] = await custody.sql<{ witness: string }>(
      `SELECT w.username AS witness FROM transfers t JOIN users w ON w.id = t.witness_id WHERE t.code = $1`,
      [transferCode],
    );
    expect(transfer.witness).toBe('officer2');

    const manifest = await downloaded(officer, () => officer.getByRole('button', { name: words['transfer.manifest'] }).click());
    expect(manifest.subarray(0, 5).toString()).toBe('%PDF-');
    await shot(officer, '07-transfer-dispatched');
  });

  it('lets the clerk receive by scanning: a damaged seal, an unexpected item, one missing at close', async () => {
    const [drugs, phone, book, crowbar] = seized.map((item) => item.code);
    const clerk = await open('clerk');
    await navigate(clerk, 'nav.transfers');
    const row = clerk.getByTestId('transfer-list').getByRole('row').filter({ hasText: transferCode });
    await row.waitFor();
    await shot(clerk, '08-transfers-incoming');
    await row.getByRole('link', { name: words['transfers.receive'] }).click();
    await eventually(() => expect(clerk.url()).toContain(`/transfers/${transferCode}/receive`));
    expect(await scan(clerk, drugs)).toEqual({ outcome: 'ok', text: say('receive.received', { code: drugs, outstanding: 2 }) });
    await clerk.locator('input[name=sealDamaged]').check();
    await clerk.locator('input[name=damageNote]').fill('Tape cut at the corner');
    await clerk.keyboard.press('Enter');
    expect(await scan(clerk, phone)).toEqual({ outcome: 'warning', text: say('receive.damaged', { code: phone }) });
    expect(await scan(clerk, crowbar)).toEqual({ outcome: 'warning', text: say('receive.unexpected', { code: crowbar }) });
    expect(await scan(clerk, drugs)).toEqual({ outcome: 'warning', text: say('receive.already', { code: drugs }) });
    await eventually(async () => {
      expect(await clerk.getByTestId('count-received').textContent()).toBe('2');
      expect(await clerk.getByTestId('count-outstanding').textContent()).toBe('1');
      expect(await clerk.getByTestId('count-unexpected').textContent()).toBe('1');
      expect(await clerk.getByTestId('count-damaged').textContent()).toBe('1');
    });
    expect(await clerk.getByTestId('unexpected').textContent()).toContain(crowbar);
    await shot(clerk, '09-receive-live');

    await clerk.getByRole('button', { name: words['receive.close'] }).click();
    await eventually(async () => expect(await clerk.getByTestId('closed-missing').textContent()).toBe(say('receive.closedMissing', { codes: book })));
    await eventually(async () => expect(await clerk.getByTestId('count-missing').textContent()).toBe('1'));
    expect(await clerk.locator(`[data-testid=transfer-line][data-code="${book}"]`).getAttribute('data-state')).toBe('missing');
    expect(await itemRow(book)).toMatchObject({ status: 'missing' });
    expect(await itemRow(drugs)).toMatchObject({ status: 'in_custody', site: 'TPI-BRU' });
    expect(await itemRow(crowbar)).toMatchObject({ status: 'in_custody', site: 'POL-BRU' });
    await shot(clerk, '10-receive-closed');
  });

  it('shows the auditor the missing item’s timeline with a verified chain, its report and proof bundle', async () => {
    const book = seized[2].code;
    await (await custody.as('admin')).post('/ledger/checkpoints').expect(201);
    const auditor = await open('auditor');
    await navigate(auditor, 'nav.auditor');
    await auditor.getByRole('button', { name: words['auditor.verify'] }).click();
    await eventually(async () => expect(await auditor.getByTestId('ledger-verdict').getAttribute('data-ok')).toBe('true'));
    await shot(auditor, '11-auditor-desk');

    await navigate(auditor, 'nav.scan');
    await auditor.getByTestId('scan-field').waitFor();
    await auditor.keyboard.type(book);
    await auditor.keyboard.press('Enter');
    await eventually(() => expect(auditor.url()).toContain(`#/items/${book}`));
    await eventually(async () => expect(await auditor.getByTestId('verification').getAttribute('data-ok')).toBe('true'));
    const types = await auditor
      .getByTestId('timeline')
      .locator('li')
      .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
    expect(types).toEqual(['seized', 'label_printed', 'moved', 'dispatched', 'discrepancy']);
    expect(await auditor.getByTestId('timeline').textContent()).toContain(words['event.discrepancy']);
    expect(await auditor.getByTestId('item-facts').textContent()).toContain(words['status.missing']);
    await shot(auditor, '12-item-page');

    const report = await downloaded(auditor, () => auditor.getByRole('button', { name: words['item.report'] }).click());
    expect(report.subarray(0, 5).toString()).toBe('%PDF-');
    const bundle = JSON.parse((await downloaded(auditor, () => auditor.getByRole('button', { name: words['item.proof'] }).click())).toString('utf8'));
    expect(bundle).toMatchObject({ format: 'custody-proof-bundle/1', item: book });

    // who read it: the auditor's own scan is listed; the CSV has every read since, the report and bundle too
    await eventually(async () => expect(await auditor.getByTestId('item-reads').textContent()).toContain(words['read.scan']));
    const reads = (await downloaded(auditor, () => auditor.getByRole('button', { name: words['item.readsCsv'] }).click())).toString('utf8');
    for (const what of ['scan', 'record', 'history', 'custody_report', 'proof_bundle']) expect(reads).toContain(`${book},auditor,${what},`);
  });

  it('runs a bin audit by scanning: the crowbar found, the rest reported', async () => {
    const crowbar = seized[3].code;
    await navigate(officer, 'nav.audits');
    await officer.locator('input[name=auditLocation]').fill(await locationCode('POL-BRU', 'Bin A1'));
    await officer.getByRole('button', { name: words['audits.start'] }).click();
    await eventually(() => expect(officer.url()).toMatch(/#\/audits\/[0-9a-f-]{36}$/));
    expect(await scan(officer, crowbar)).toEqual({ outcome: 'ok', text: say('audit.counted', { code: crowbar, scanned: 1 }) });
    await officer.getByRole('button', { name: words['audit.finish'] }).click();
    await eventually(async () => expect(await officer.getByTestId('report-ok').textContent()).toContain(crowbar));
    expect(await officer.getByTestId('report-bad').textContent()).toBe(`${words['audit.missing']} (0)`);
    await shot(officer, '13-audit-report');
  });

  it('lets the auditor draw a random sample of the police evidence room, find it by scanning, and search across sites', async () => {
    const crowbar = seized[3].code;
    const auditor = await open('auditor');
    await navigate(auditor, 'nav.audits');
    await auditor.locator('select[name=site]').selectOption('POL-BRU');
    await auditor.locator('select[name=auditKind]').selectOption('random');
    await auditor.getByRole('button', { name: words['audits.start'] }).click();
    await eventually(() => expect(auditor.url()).toMatch(/#\/audits\/[0-9a-f-]{36}$/));
    expect(await auditor.locator('.codes').textContent()).toBe(crowbar);
    expect(await scan(auditor, crowbar)).toEqual({ outcome: 'ok', text: say('audit.counted', { code: crowbar, scanned: 1 }) });
    await auditor.getByRole('button', { name: words['audit.finish'] }).click();
    await eventually(async () => expect(await auditor.getByTestId('report-ok').textContent()).toContain(crowbar));
    const [audited] = await custody.sql<{ count: string }>(`SELECT count(*) FROM custody_events WHERE item_code = $1 AND type = 'audited'`, [crowbar]);
    expect(Number(audited.count)).toBeGreaterThanOrEqual(1);

    await navigate(auditor, 'nav.auditor');
    await auditor.getByLabel(words['field.caseNumber']).fill(`PV/WEB/${language}/26`);
    await auditor.getByRole('button', { name: words['auditor.searchButton'] }).click();
    await eventually(async () => expect(await auditor.getByTestId('search-results').getByRole('row').count()).toBe(5));
    expect(await auditor.getByTestId('search-results').textContent()).toContain('TPI-BRU');
    await shot(auditor, '14-auditor-search');
  });

  it('lets the officer check the crowbar out for a hearing, put it back in its bin and reseal it, each step in the timeline', async () => {
    const crowbar = seized[3].code;
    const bin = await locationCode('POL-BRU', 'Bin A1');
    await navigate(officer, 'nav.scan');
    await officer.getByTestId('scan-field').waitFor();
    await officer.keyboard.type(crowbar);
    await officer.keyboard.press('Enter');
    await eventually(() => expect(officer.url()).toContain(`#/items/${crowbar}`));

    await officer.getByRole('button', { name: words['actions.checkOut'], exact: true }).click();
    await officer.locator('input[name=person]').fill('Me Dubois');
    await officer.locator('input[name=purpose]').fill('Hearing, chamber 3');
    await officer.locator('input[name=expectedReturn]').fill('2099-12-12');
    await officer.getByRole('button', { name: words['actions.confirm.checkOut'], exact: true }).click();
    await eventually(async () => expect(await officer.getByTestId('item-facts').textContent()).toContain('Me Dubois'));
    expect(await itemRow(crowbar)).toMatchObject({ status: 'checked_out', location: null });

    await officer.getByRole('button', { name: words['actions.return'], exact: true }).click();
    await officer.locator('input[name=location]').fill(bin);
    await officer.getByRole('button', { name: words['actions.confirm.return'], exact: true }).click();
    await eventually(async () => expect(await itemRow(crowbar)).toMatchObject({ status: 'in_custody', location: bin }));

    await officer.getByRole('button', { name: words['actions.reseal'], exact: true }).click();
    await officer.locator('input[name=newSealNumber]').fill('S-2001');
    await officer.locator('input[name=reason]').fill('Opened at the hearing');
    await officer.getByRole('button', { name: words['actions.confirm.reseal'], exact: true }).click();
    await eventually(async () => expect(await officer.getByTestId('item-facts').textContent()).toContain('S-2001'));
    await eventually(async () => {
      const types = await officer
        .getByTestId('timeline')
        .locator('li')
        .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
      expect(types.slice(-3)).toEqual(['checked_out', 'checked_in', 'seal_replaced']);
    });
    expect(await officer.getByTestId('verification').getAttribute('data-ok')).toBe('true');
    await shot(officer, '15-item-actions');

    await officer.getByRole('button', { name: words['actions.sample'], exact: true }).click();
    await officer.locator('input[name=description]').fill('Paint scraping');
    await officer.locator('input[name=quantity]').fill('0,5');
    await officer.locator('input[name=unit]').fill('g');
    await officer.getByRole('button', { name: words['actions.confirm.sample'], exact: true }).click();
    await eventually(async () => expect(await officer.getByRole('status').filter({ hasText: words['actions.done.sample'] }).count()).toBe(1));
    const [sample] = await custody.sql<{ code: string; quantity: string }>(
      `SELECT child.code, child.quantity FROM items child JOIN items parent ON parent.id = child.parent_id WHERE parent.code = $1`,
      [crowbar],
    );
    expect(Number(sample.quantity)).toBe(0.5);
    expect(await officer.getByRole('link', { name: sample.code }).isVisible()).toBe(true);

    await officer.getByRole('button', { name: words['actions.review'], exact: true }).click();
    await officer.locator('input[name=reviewOn]').fill('2099-01-31');
    await officer.getByRole('button', { name: words['actions.confirm.review'], exact: true }).click();
    await eventually(async () => expect(await officer.getByTestId('item-facts').textContent()).toContain('2099-01-31'));

    await officer.getByRole('button', { name: words['actions.dispose'], exact: true }).click();
    await officer.locator('select[name=kind]').selectOption('returned_to_owner');
    await officer.locator('input[name=authority]').fill('Ordonnance 2026/77');
    await officer.locator('input[name=decidedAt]').fill('2026-11-20T10:00');
    await officer.getByRole('button', { name: words['actions.confirm.dispose'], exact: true }).click();
    await eventually(async () => expect(await itemRow(crowbar)).toMatchObject({ status: 'disposed' }));
    await eventually(async () => expect(await officer.getByTestId('item-facts').textContent()).toContain(words['status.disposed']));
    expect(await officer.getByRole('button', { name: words['actions.checkOut'], exact: true }).count()).toBe(0);
    const types = await officer
      .getByTestId('timeline')
      .locator('li')
      .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
    // a review date is a custody step of its own, with its event
    expect(types.slice(-3)).toEqual(['sampled', 'review_set', 'disposed']);
  });

  it('lets the administrator add a bin, see the printers answer and add a user with a language', async () => {
    await custody.sql(`UPDATE users SET language = $1 WHERE username = 'admin'`, [language]);
    const admin = await open('admin');
    await navigate(admin, 'nav.admin');
    await admin.getByRole('row').filter({ hasText: 'POL-BRU' }).getByRole('button', { name: words['admin.locations'] }).click();
    await admin.getByRole('heading', { name: say('admin.locationsOf', { site: 'POL-BRU' }) }).waitFor();
    const newLocation = admin.getByRole('form', { name: words['admin.newLocation'] });
    await newLocation.getByLabel(words['field.name']).fill(`Bin C${language}`);
    await newLocation.getByLabel(words['admin.kind']).selectOption('bin');
    await newLocation.getByLabel(words['admin.parent']).selectOption(await locationCode('POL-BRU', 'Shelf B'));
    await newLocation.getByRole('button', { name: words['admin.newLocation'] }).click();
    await eventually(async () => expect(await admin.getByRole('link', { name: `Bin C${language}` }).isVisible()).toBe(true));
    expect(await locationCode('POL-BRU', `Bin C${language}`)).toMatch(/^L\d{9}[\dX]$/);
    await shot(admin, '16-admin-sites');

    await admin.getByRole('link', { name: words['admin.printers'] }).click();
    const policePrinter = admin.getByTestId('printers').getByRole('row').filter({ hasText: 'POL-BRU' });
    await eventually(async () => expect(await policePrinter.textContent()).toContain(words['admin.reachable'].split(' ')[0]));
    const offline = admin.getByTestId('printers').getByRole('row').filter({ hasText: 'OCSC' });
    await eventually(async () => expect(await offline.textContent()).toContain(words['admin.unreachable']));
    await shot(admin, '17-admin-printers');

    await admin.getByRole('link', { name: words['admin.users'] }).click();
    const newUser = admin.getByRole('form', { name: words['admin.newUser'] });
    await newUser.getByLabel(words['signIn.username'], { exact: true }).fill(`desk-${language}`);
    await newUser.getByLabel(words['field.name'], { exact: true }).fill('Desk Officer');
    await newUser.getByLabel(words['signIn.password'], { exact: true }).fill('a-long-password-1');
    await newUser.getByLabel(words['nav.language']).selectOption(language);
    await newUser.getByLabel(words['field.site'], { exact: true }).fill('POL-BRU');
    await newUser.getByRole('button', { name: words['admin.newUser'] }).click();
    await eventually(async () => expect(await admin.getByTestId('users').textContent()).toContain(`desk-${language}`));
    const [created] = await custody.sql<{ language: string; role: string }>(
      `SELECT u.language, r.role FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.username = $1`,
      [`desk-${language}`],
    );
    expect(created).toEqual({ language, role: 'evidence_officer' });
    await shot(admin, '18-admin-users');
  });

  it('changes the officer’s language from the menu, for good', async () => {
    const next: Language = language === 'fr' ? 'nl' : language === 'nl' ? 'en' : 'fr';
    await officer.getByTestId('language').selectOption(next);
    await eventually(async () =>
      expect(await officer.getByRole('heading', { level: 1 }).textContent()).toBe(dictionaries[next]['item.title'].replace('{code}', seized[3].code)),
    );
    await eventually(async () =>
      expect((await custody.sql<{ language: string }>(`SELECT language FROM users WHERE username = 'officer'`))[0].language).toBe(next),
    );
    await officer.reload();
    await eventually(async () => expect(await officer.getByRole('link', { name: dictionaries[next]['nav.storage'], exact: true }).isVisible()).toBe(true));
    expect(await officer.locator('html').getAttribute('lang')).toBe(next);
  });
});
