import { Misbehaviour, PrinterEmulator } from '../../printers/emulator';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Printers that are off, refuse, stall, reset mid-job or never read: jobs end printed or failed, and custody goes on. */
describe('printers that misbehave', () => {
  let custody: TestApp;
  const emulators: PrinterEmulator[] = [];

  const printerAt = async (type: 'epson' | 'zpl') => {
    const emulator = new PrinterEmulator({ type });
    emulators.push(emulator);
    const port = await emulator.start();
    const created = await (
      await custody.as('admin')
    )
      .post('/printers', { site: 'POL-BRU', name: `${type} ${port}`, host: '127.0.0.1', port, type })
      .expect(201);
    return { emulator, id: created.body.id as string };
  };
  const finished = async (id: string) => {
    const officer = await custody.as('officer');
    for (let waited = 0; waited < 40_000; waited += 100) {
      const job = (await officer.get(`/print-jobs/${id}`).expect(200)).body;
      if (job.status === 'printed' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`print job ${id} did not finish`);
  };
  const print = async (printer: string, codes: string[]) =>
    (await (await custody.as('officer')).post('/print-jobs', { printer, codes }).expect(202)).body.id as string;

  beforeAll(async () => {
    custody = await startTestApp({
      PRINT_MAX_ATTEMPTS: '3',
      PRINT_RETRY_DELAY_SECONDS: '1',
      PRINTER_IDLE_TIMEOUT_MS: '800',
      PRINTER_CONNECT_TIMEOUT_MS: '800',
    });
  });
  afterAll(async () => {
    await custody.close();
    for (const emulator of emulators) await emulator.stop();
  });

  const twice: [string, Misbehaviour, RegExp][] = [
    ['is off (refuses connections) until switched on', { mode: 'refuse' }, /refused the connection/],
    ['stalls without reading', { mode: 'stall', times: 2 }, /stopped reading or answering/],
    ['resets in the middle of the job', { mode: 'reset', afterBytes: 300, times: 2 }, /reset the connection|closed the connection/],
    ['hangs up at once', { mode: 'hang-up', times: 2 }, /closed/],
  ];

  it.each(twice)('retries a printer that %s, says why at once, and prints on the third attempt with no error left', async (_name, misbehaviour, reason) => {
    const { emulator, id } = await printerAt('epson');
    const { items } = await given(custody).seizure({ items: 4 });
    await emulator.misbehave(misbehaviour);
    const queued = await print(
      id,
      items.map((item) => item.code),
    );
    if (misbehaviour.mode === 'refuse') {
      // someone switches the printer on after its second refusal
      const officer = await custody.as('officer');
      const refusedTwice = async () => {
        const { attempts, status } = (await officer.get(`/print-jobs/${queued}`).expect(200)).body;
        return attempts >= 2 && status === 'queued';
      };
      while (!(await refusedTwice())) await new Promise((resolve) => setTimeout(resolve, 50));
      await emulator.behave();
    }
    // the first failure is in the job at once, as words and a stable code, while the retries go on
    const officer = await custody.as('officer');
    let failing = (await officer.get(`/print-jobs/${queued}`).expect(200)).body;
    while (failing.error === null && failing.status !== 'printed') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      failing = (await officer.get(`/print-jobs/${queued}`).expect(200)).body;
    }
    if (failing.status !== 'printed') expect(failing).toMatchObject({ error: expect.stringMatching(reason), errorCode: expect.stringMatching(/^PRINTER_/) });
    const job = await finished(queued);
    expect(job).toMatchObject({ status: 'printed', attempts: 3, error: null, errorCode: null });
    // the printer got the whole job once, complete
    const received = emulator.jobs.filter((each) => each.decoded().labels.length === 4);
    expect(received).toHaveLength(1);
    expect(received[0].decoded().labels.map((label) => label.barcodes[0].data)).toEqual(items.map((item) => item.code));
  });

  it('fails a job for good after its last attempt, with the reason, and records no label as printed', async () => {
    const { emulator, id } = await printerAt('zpl');
    const {
      items: [item],
    } = await given(custody).seizure();
    await emulator.misbehave({ mode: 'stall' });
    const job = await finished(await print(id, [item.code]));
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: expect.stringMatching(/stopped reading or answering.*giving up/),
      errorCode: 'PRINTER_NOT_ANSWERING',
    });
    const history = (await (await custody.as('officer')).get(`/items/${item.code}/history`).expect(200)).body;
    expect(history.map((event: { type: string }) => event.type)).toEqual(['seized']);
  });

  it('never blocks or rolls back a custody step while a printer stalls, and keeps serving', async () => {
    const { emulator, id } = await printerAt('epson');
    await emulator.misbehave({ mode: 'stall' });
    const {
      items: [item],
    } = await given(custody).seizure();
    const job = await print(id, [item.code]);
    const officer = await custody.as('officer');
    // while the worker waits on the printer, the item moves, and its history says so
    const moved = await officer.post(`/items/${item.code}/moves`, { location: await given(custody).location('POL-BRU', 'Shelf B') }).expect(200);
    expect(moved.body.location).not.toBeNull();
    await custody.http().get('/health').expect(200);
    expect((await finished(job)).status).toBe('failed');
    expect((await officer.get(`/items/${item.code}/history`).expect(200)).body.map((event: { type: string }) => event.type)).toEqual(['seized', 'moved']);
  });

  it('refuses to queue on a disabled printer, and says so', async () => {
    const { id } = await printerAt('epson');
    await (await custody.as('admin')).post('/printers', {}).expect(400);
    await custody
      .http()
      .patch(`/printers/${id}`)
      .auth(await custody.token('admin'), { type: 'bearer' })
      .send({ disabled: true })
      .expect(200);
    const {
      items: [item],
    } = await given(custody).seizure();
    const refused = await (await custody.as('officer')).post('/print-jobs', { printer: id, codes: [item.code] }).expect(409);
    expect(refused.body.fields).toEqual([{ field: 'printer', problem: 'is disabled' }]);
  });
});
