import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { dictionaries, eventually, launchChromium, listen, screenshot, signedIn } from './browser';
import { writeLabelVideo } from './camera';

describe('scanning with the camera of a phone or tablet', () => {
  const folder = mkdtempSync(join(tmpdir(), 'custody-camera-'));
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    custody = await startTestApp();
    base = await listen(custody);
    code = (await given(custody).seizure({ items: 1 })).items[0].code;
    const label = await (
      await custody.as('officer')
    )
      .get(`/labels/${code}.png`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const video = join(folder, 'label.y4m');
    writeLabelVideo(label.body as Buffer, video);
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the item label held up to the camera and opens the item', async () => {
    const page = await signedIn(browser, base, 'officer', {
      locale: 'fr-BE',
      viewport: { width: 412, height: 915 },
      isMobile: true,
      hasTouch: true,
      permissions: ['camera'],
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.getByRole('button', { name: dictionaries.fr['scan.camera'], exact: true }).click();
    await eventually(() => expect(page.url()).toContain(`#/items/${code}`), 30_000);
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(dictionaries.fr['item.title'].replace('{code}', code)),
    );
    await screenshot(page, 'fr-phone-item-after-camera-scan');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
