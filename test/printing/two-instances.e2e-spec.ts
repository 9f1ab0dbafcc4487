import { PrinterEmulator } from '../../printers/emulator';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Two servers on one database share one print queue: every job is printed once, one at a time per printer. */
describe('two instances printing', () => {
  let first: TestApp;
  let second: TestApp;
  const emulators = [new PrinterEmulator({ type: 'epson' }), new PrinterEmulator({ type: 'zpl' }), new PrinterEmulator({ type: 'star' })];

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    for (const emulator of emulators) await emulator.stop();
  });

  it('prints each of 30 jobs sent to either instance exactly once', async () => {
    const admin = await first.as('admin');
    const printers: string[] = [];
    for (const emulator of emulators) {
      printers.push(
        (
          await admin
            .post('/printers', { site: 'POL-BRU', name: `Desk ${emulator.type}`, host: '127.0.0.1', port: await emulator.start(), type: emulator.type })
            .expect(201)
        ).body.id,
      );
    }
    const { items } = await given(first).seizure({ items: 30 });
    const instances = [await first.as('officer'), await second.as('officer')];
    const jobs = await Promise.all(
      items.map(
        async (item, index) =>
          (await instances[index % 2].post('/print-jobs', { printer: printers[index % 3], codes: [item.code] }).expect(202)).body.id as string,
      ),
    );

    for (let waited = 0; ; waited += 100) {
      const [{ done }] = await first.sql<{ done: number }>(`SELECT count(*)::int AS done FROM print_jobs WHERE id = ANY($1) AND status = 'printed'`, [jobs]);
      if (done === jobs.length) break;
      if (waited > 30_000) throw new Error(`only ${done} of ${jobs.length} jobs printed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const printed = emulators.flatMap((emulator) => emulator.jobs.flatMap((job) => job.decoded().labels.map((label) => label.barcodes[0].data)));
    expect(printed.sort()).toEqual(items.map((item) => item.code).sort());
    for (const emulator of emulators) expect(emulator.peakConnections).toBe(1);
    const events = await first.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM custody_events WHERE type = 'label_printed' AND item_code = ANY($1)`,
      [items.map((item) => item.code)],
    );
    expect(events).toEqual([{ count: 30 }]);
  });
});
