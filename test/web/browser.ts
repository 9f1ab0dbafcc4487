import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { english, Phrase } from '../../web/src/i18n/en';
import { formatMessage, MessageValues } from '../../web/src/i18n/format';
import { french } from '../../web/src/i18n/fr';
import { dutch } from '../../web/src/i18n/nl';
import { TestApp } from '../support/test-app';

export type Language = 'en' | 'fr' | 'nl';
export const dictionaries: Record<Language, Record<Phrase, string>> = { en: english, fr: french, nl: dutch };

/** A sentence of the screens in this language with its values, as the screens word it (ICU plurals included). */
export function sentence(language: Language, phrase: Phrase, values: MessageValues = {}): string {
  return formatMessage(language, dictionaries[language][phrase], values);
}

/** Debian's Chromium (`apt-get install chromium`), as the machine notes launch it: headless, no sandbox as root, no calls home. */
export async function launchChromium(extraArguments: string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`Chromium is not at ${executablePath}: install it with "apt-get install chromium" (.ci/run does), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArguments,
    ],
  });
}

/** The test app listening on 127.0.0.1, serving the built web application at `/`. */
export async function listen(custody: TestApp, port = 0): Promise<string> {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'web', 'index.html')))
    throw new Error('the web application is not built: run "npm run build" (npm run test:web does)');
  await custody.app.listen(port, '127.0.0.1');
  return `http://127.0.0.1:${(custody.app.getHttpServer().address() as AddressInfo).port}`;
}

export const screenshotFolder = join(__dirname, 'screenshots');

/** A full-page picture of the screen, kept in test/web/screenshots/ to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: join(screenshotFolder, `${name}.png`), fullPage: true });
}

/** Retries an assertion until it holds or `timeoutMs` passes: the screens update after their requests answer. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Types a code as a USB keyboard-wedge scanner does: characters then Enter, into whatever holds the focus. */
export async function scan(page: Page, code: string, field = 'scan-field'): Promise<{ outcome: string; text: string }> {
  const input = page.getByTestId(field);
  await eventually(async () =>
    expect(await input.evaluate((element: { ownerDocument: { activeElement: unknown } }) => element.ownerDocument.activeElement === element)).toBe(true),
  );
  const notice = page.getByTestId(`${field}-notice`);
  const answers = Number(await notice.getAttribute('data-answers'));
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  return eventually(async () => {
    expect(Number(await notice.getAttribute('data-answers'))).toBeGreaterThan(answers);
    return { outcome: (await notice.getAttribute('data-outcome')) ?? '', text: (await notice.textContent()) ?? '' };
  });
}

/** A port on 127.0.0.1 that nothing listens on: opened, read, closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (the accessibility engine browsers' own tools use) finds on the screen as shown,
 * serious or critical only: unlabelled controls, contrast below WCAG AA, missing names, bad ARIA.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.targets.slice(0, 5).join(', ')}`);
}

/** A new browser profile in this locale, signed in as a demo user through the sign-in screen. */
export async function signedIn(
  browser: Browser,
  base: string,
  username: string,
  options: { locale: string } & Parameters<Browser['newContext']>[0],
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(base);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('custody-demo');
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}
