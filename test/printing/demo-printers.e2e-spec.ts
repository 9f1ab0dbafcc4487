import { PNG } from 'pngjs';
import { freePort } from '../../src/database/embedded-database';
import { bitmapOfRgba, readBarcodes } from '../../printers/raster-reader';
import { given } from '../support/given';
import { binary } from '../support/pdf-reading';
import { startTestApp, TestApp } from '../support/test-app';

/** The demo's printers are emulators started with the server; what they received can be looked at. */
describe('the demo printers', () => {
  let setup: TestApp;
  let custody: TestApp;

  beforeAll(async () => {
    setup = await startTestApp();
    // the demo's ports (9101…) may be taken on this machine: move the printers to free ones first
    for (const { id } of await setup.sql<{ id: string }>(`SELECT id FROM printers WHERE host = '127.0.0.1'`)) {
      await setup.sql(`UPDATE printers SET port = $2 WHERE id = $1`, [id, await freePort()]);
    }
    await setup.close();
    custody = await startTestApp({ PRINTER_EMULATORS: 'true' }, { sameDatabaseAs: setup });
  });
  afterAll(() => custody.close());

  it('prints a label on each site’s printer and shows what it received, as text, codes and a picture', async () => {
    const officer = await custody.as('officer');
    const printers = (await officer.get('/printers').expect(200)).body;
    expect(printers).toEqual([expect.objectContaining({ site: 'POL-BRU', type: 'epson', size: 'roll-80' })]);
    const {
      items: [item],
    } = await given(custody).seizure({ category: 'cash' });
    const job = (await officer.post('/print-jobs', { printer: printers[0].id, codes: [item.code] }).expect(202)).body;
    for (let waited = 0; (await officer.get(`/print-jobs/${job.id}`).expect(200)).body.status !== 'printed'; waited += 50) {
      if (waited > 10_000) throw new Error('the demo printer did not print');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const received = (await officer.get(`/printers/${printers[0].id}/received`).expect(200)).body;
    expect(received).toEqual([
      expect.objectContaining({
        number: 1,
        unknownCommands: [],
        labels: [
          expect.objectContaining({
            barcodes: [
              { symbology: 'code128', data: item.code, from: 'command' },
              { symbology: 'datamatrix', data: item.code, from: 'raster' },
            ],
          }),
        ],
      }),
    ]);
    const png = await officer.get(`/printers/${printers[0].id}/received/1/labels/1`).buffer(true).parse(binary).expect(200).expect('content-type', 'image/png');
    const picture = PNG.sync.read(png.body as Buffer);
    expect(readBarcodes(bitmapOfRgba(picture.width, picture.height, picture.data)).map((barcode) => barcode.text)).toEqual([item.code, item.code]);
    await officer.get(`/printers/${printers[0].id}/received/2/labels/1`).expect(404);
    await officer.get(`/printers/${printers[0].id}/received/0/labels/1`).expect(400);
    // the court's clerk sees neither the police's printer nor what it printed
    await (await custody.as('clerk')).get(`/printers/${printers[0].id}/received`).expect(404);
    expect((await (await custody.as('auditor')).get(`/printers/${printers[0].id}/received`).expect(200)).body).toHaveLength(1);
  });

  it('gives every demo site an emulated printer', async () => {
    const printers = (await (await custody.as('admin')).get('/printers').expect(200)).body;
    expect(printers.map((printer: { site: string; type: string }) => `${printer.site} ${printer.type}`).sort()).toEqual([
      'INCC zpl',
      'OCSC star',
      'POL-BRU epson',
      'TPI-BRU zpl',
    ]);
    for (const printer of printers) expect((await (await custody.as('admin')).get(`/printers/${printer.id}/status`).expect(200)).body.reachable).toBe(true);
  });
});
