import { PNG } from 'pngjs';
import { PrinterEmulator } from '../../printers/emulator';
import { bitmapOfRgba, readBarcodes } from '../../printers/raster-reader';
import { given } from '../support/given';
import { binary } from '../support/pdf-reading';
import { startTestApp, TestApp } from '../support/test-app';

/** Labels from a seizure to the printer's paper: bytes over TCP to an emulated printer, read back as codes. */
describe('printing labels', () => {
  let custody: TestApp;
  const emulators: PrinterEmulator[] = [];

  const printer = async (type: 'epson' | 'star' | 'zpl', options: { widthMm?: number; dpi?: number; site?: string } = {}) => {
    const emulator = new PrinterEmulator({ type, widthDots: 1200 });
    emulators.push(emulator);
    const port = await emulator.start();
    const admin = await custody.as('admin');
    const created = await admin
      .post('/printers', { site: options.site ?? 'POL-BRU', name: `${type} ${port}`, host: '127.0.0.1', port, type, ...options })
      .expect(201);
    return { emulator, id: created.body.id as string };
  };
  const printed = async (id: string, who = 'officer') => {
    const as = await custody.as(who);
    for (let waited = 0; waited < 20_000; waited += 50) {
      const job = (await as.get(`/print-jobs/${id}`).expect(200)).body;
      if (job.status === 'printed' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`print job ${id} did not finish`);
  };

  beforeAll(async () => {
    custody = await startTestApp({ PRINT_RETRY_DELAY_SECONDS: '1', PRINTER_IDLE_TIMEOUT_MS: '1500', PRINTER_CONNECT_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await custody.close();
    for (const emulator of emulators) await emulator.stop();
  });

  it.each([
    ['epson', {}],
    ['star', { widthMm: 58 }],
    ['zpl', { widthMm: 51, dpi: 300 }],
  ] as const)('prints a seizure’s labels on a %s printer, every one scanning back to its item', async (type, options) => {
    const { emulator, id } = await printer(type, options);
    const { items } = await given(custody).seizure({ items: 3, category: 'drugs' });
    const officer = await custody.as('officer');
    const queued = await officer.post('/print-jobs', { printer: id, codes: items.map((item) => item.code) }).expect(202);
    expect(queued.body).toMatchObject({ status: 'queued', printer: id, copies: 1, attempts: 0, requestedBy: 'officer' });
    expect(await printed(queued.body.id)).toMatchObject({ status: 'printed', attempts: 1, error: null });

    const [job] = await emulator.waitForJobs(1);
    const labels = job.decoded().labels;
    expect(labels).toHaveLength(3);
    labels.forEach((label, index) => {
      expect(label.barcodes.map((barcode) => [barcode.symbology, barcode.data])).toEqual([
        ['code128', items[index].code],
        ['datamatrix', items[index].code],
      ]);
      // the picture the emulator drew of what it received scans too
      expect(
        readBarcodes(label.bitmap)
          .map((barcode) => barcode.text)
          .sort(),
      ).toEqual([items[index].code, items[index].code]);
    });
    expect(job.decoded().unknownCommands).toEqual([]);
    const history = (await officer.get(`/items/${items[0].code}/history`).expect(200)).body;
    expect(history.at(-1)).toMatchObject({
      type: 'label_printed',
      actor: 'officer',
      site: 'POL-BRU',
      details: { printJob: queued.body.id, copies: 1, printNumbers: [1], reprint: false },
    });
  });

  it('marks a reprint on the label and in the event, and counts copies', async () => {
    const { emulator, id } = await printer('epson');
    const {
      items: [item],
    } = await given(custody).seizure();
    const officer = await custody.as('officer');
    await printed((await officer.post('/print-jobs', { printer: id, codes: [item.code] }).expect(202)).body.id);
    await printed((await officer.post('/print-jobs', { printer: id, codes: [item.code], copies: 2 }).expect(202)).body.id);
    const [first, second] = await emulator.waitForJobs(2);
    // POL-BRU prints in French
    expect(first.decoded().labels[0].text[0]).not.toMatch(/RÉIMPRESSION/);
    expect(second.decoded().labels.map((label) => label.text[0])).toEqual(['RÉIMPRESSION 1', 'RÉIMPRESSION 2']);
    const events = (await officer.get(`/items/${item.code}/history`).expect(200)).body.filter((event: { type: string }) => event.type === 'label_printed');
    expect(events.map((event: { details: object }) => event.details)).toEqual([
      expect.objectContaining({ printNumbers: [1], reprint: false }),
      expect.objectContaining({ copies: 2, printNumbers: [2, 3], reprint: true }),
    ]);
    expect((await (await custody.as('auditor')).get('/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('prints location and transfer labels, which are not custody events', async () => {
    const { emulator, id } = await printer('zpl');
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const {
      items: [item],
    } = await given(custody).seizure();
    const transfer = await given(custody).transfer({ items: [item.code] });
    const officer = await custody.as('officer');
    expect(await printed((await officer.post('/print-jobs', { printer: id, codes: [shelf, transfer.code] }).expect(202)).body.id)).toMatchObject({
      status: 'printed',
    });
    const [job] = await emulator.waitForJobs(1);
    expect(job.decoded().labels.map((label) => label.barcodes[0].data)).toEqual([shelf, transfer.code]);
    expect(job.decoded().labels[0].text[0]).toBe('Shelf A');
    // in POL-BRU's language, the arrow in ASCII (code page 858 has none)
    expect(job.decoded().labels[1].text[0]).toBe('Transfert POL-BRU -> TPI-BRU');
  });

  it('previews any label as PNG and SVG, as the printer will print it', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const officer = await custody.as('officer');
    const png = await officer.get(`/labels/${item.code}.png?size=label-2x1&dpi=300`).buffer(true).parse(binary).expect(200).expect('content-type', 'image/png');
    const picture = PNG.sync.read(png.body as Buffer);
    expect([picture.width, picture.height]).toEqual([600, 300]);
    expect(readBarcodes(bitmapOfRgba(picture.width, picture.height, picture.data)).map((barcode) => barcode.text)).toEqual([item.code, item.code]);
    const svg = await officer
      .get(`/labels/${item.code.toLowerCase()}.svg`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('content-type', /image\/svg\+xml/);
    expect((svg.body as Buffer).toString()).toContain(`<title>Code 128: ${item.code}</title>`);
    await (await custody.as('clerk')).get(`/labels/${item.code}.png`).expect(404);
    const location = await given(custody).location('POL-BRU', 'Bin A1');
    await officer.get(`/labels/${location}.svg`).expect(200);
    await officer.get(`/labels/${item.code}.gif`).expect(400);
  });
});
