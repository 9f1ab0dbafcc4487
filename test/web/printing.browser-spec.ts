import { Browser } from 'playwright-core';
import { PrinterEmulator } from '../../printers/emulator';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityProblems, closedPort, dictionaries, eventually, Language, launchChromium, listen, screenshot, sentence, signedIn } from './browser';

/**
 * The seizure page warns before printing on a printer last seen unreachable, says at once in the
 * user's language why a job does not print while Custody keeps trying, and prints once the printer
 * is back.
 */
describe.each(['fr', 'nl', 'en'] as Language[])('printing labels on a printer that was off, in the browser (%s)', (language) => {
  const words = dictionaries[language];
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  const printer = new PrinterEmulator({ type: 'epson' });
  const pageErrors: string[] = [];

  beforeAll(async () => {
    custody = await startTestApp({ PRINT_MAX_ATTEMPTS: '20', PRINT_RETRY_DELAY_SECONDS: '1', PRINTER_CONNECT_TIMEOUT_MS: '500' });
    base = await listen(custody);
    await custody.sql(`UPDATE users SET language = $1 WHERE username = 'officer'`, [language]);
    // POL-BRU's printer was seen unreachable an hour ago, and is still switched off: a port that was just free, on this machine only
    await custody.sql(
      `UPDATE printers SET port = $1, last_state = 'unreachable', last_state_at = now() - interval '1 hour' WHERE site_id = (SELECT id FROM sites WHERE code = 'POL-BRU')`,
      [await closedPort()],
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await printer.stop();
    await custody?.close();
    expect(pageErrors).toEqual([]);
  });

  it('warns before printing, says why the job waits, and prints once the printer answers', async () => {
    const { code: seizure, items } = await given(custody).seizure({ items: 2 });
    const officer = await signedIn(browser, base, 'officer', {
      locale: language === 'en' ? 'en-GB' : `${language}-BE`,
      viewport: { width: 1280, height: 900 },
    });
    officer.on('pageerror', (error) => pageErrors.push(error.message));
    await officer.goto(`${base}/#/seizures/${seizure}`);

    const warning = officer.getByTestId('printer-warning');
    await warning.waitFor();
    expect(await warning.getAttribute('data-state')).toBe('unreachable');
    expect(await warning.textContent()).toContain(`${words['labels.lastSeen']} ${words['printerState.unreachable']}`);
    expect(await warning.textContent()).toContain(words['labels.checkFirst']);
    expect(await accessibilityProblems(officer)).toEqual([]);
    await screenshot(officer, `${language}-printing-1-warned`);

    // printed anyway: the first refused connection is said at once, in the officer's words, while Custody keeps trying
    await officer.getByRole('button', { name: sentence(language, 'labels.printAll', { count: 2 }) }).click();
    const job = officer.getByTestId('print-job');
    await eventually(async () => expect(await job.getAttribute('data-error')).toBe('PRINTER_UNREACHABLE'), 15_000);
    expect(await job.textContent()).toContain(words['printerProblem.PRINTER_UNREACHABLE']);
    expect(await job.textContent()).toContain(words['labels.retrying']);
    await screenshot(officer, `${language}-printing-2-retrying`);

    // someone switches the printer on
    await custody.sql(`UPDATE printers SET port = $1 WHERE site_id = (SELECT id FROM sites WHERE code = 'POL-BRU')`, [await printer.start()]);
    await eventually(async () => expect(await job.getAttribute('data-status')).toBe('printed'), 30_000);
    expect(await job.getAttribute('data-error')).toBeNull();
    expect(await job.textContent()).not.toContain(words['printerProblem.PRINTER_UNREACHABLE']);
    expect(await warning.count()).toBe(0);
    const [received] = await printer.waitForJobs(1);
    expect(received.decoded().labels.map((label) => label.barcodes[0].data)).toEqual(items.map((item) => item.code));
    await screenshot(officer, `${language}-printing-3-printed`);

    // seen ready now: a new visit warns no more
    await officer.reload();
    await officer.getByTestId('seized-item').first().waitFor();
    await officer.getByRole('button', { name: sentence(language, 'labels.printAll', { count: 2 }) }).waitFor();
    expect(await officer.getByTestId('printer-warning').count()).toBe(0);
    await printer.stop();
  });
});
