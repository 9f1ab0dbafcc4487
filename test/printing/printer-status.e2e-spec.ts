import { createServer } from 'node:net';
import { PrinterEmulator } from '../../printers/emulator';
import { EmulatedStatus } from '../../printers/status';
import { freePort } from '../../src/database/embedded-database';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Printed means printed: only a healthy status answer after the job counts, and what the printer said is kept and shown. */
describe('printer status answers', () => {
  let custody: TestApp;
  const emulators: PrinterEmulator[] = [];

  const printerAt = async (type: 'epson' | 'star' | 'zpl', status: EmulatedStatus, extra: object = {}) => {
    const emulator = new PrinterEmulator({ type, status, widthDots: type === 'zpl' ? 812 : 576 });
    emulators.push(emulator);
    const port = await emulator.start();
    const created = await (
      await custody.as('admin')
    )
      .post('/printers', { site: 'POL-BRU', name: `${type} ${status} ${port}`, host: '127.0.0.1', port, type, ...extra })
      .expect(201);
    return { emulator, id: created.body.id as string };
  };
  const finished = async (id: string) => {
    const officer = await custody.as('officer');
    for (let waited = 0; waited < 30_000; waited += 50) {
      const job = (await officer.get(`/print-jobs/${id}`).expect(200)).body;
      if (['printed', 'sent', 'failed'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`print job ${id} did not finish`);
  };
  const print = async (printer: string, code: string) =>
    (await (await custody.as('officer')).post('/print-jobs', { printer, codes: [code] }).expect(202)).body.id as string;
  const labelEvents = async (code: string) =>
    (await (await custody.as('officer')).get(`/items/${code}/history`).expect(200)).body.filter((event: { type: string }) => event.type === 'label_printed');

  beforeAll(async () => {
    // one attempt: each answer is judged at once
    custody = await startTestApp({ PRINT_MAX_ATTEMPTS: '1', PRINTER_IDLE_TIMEOUT_MS: '700', PRINTER_CONNECT_TIMEOUT_MS: '700' });
  });
  afterAll(async () => {
    await custody.close();
    for (const emulator of emulators) await emulator.stop();
  });

  it.each(['epson', 'star', 'zpl'] as const)('counts a %s job printed when the printer answers ready, and shows the printer ready', async (type) => {
    const { id } = await printerAt(type, 'ready');
    const {
      items: [item],
    } = await given(custody).seizure();
    expect(await finished(await print(id, item.code))).toMatchObject({ status: 'printed', error: null, errorCode: null });
    expect(await labelEvents(item.code)).toHaveLength(1);
    expect((await (await custody.as('officer')).get(`/printers/${id}`).expect(200)).body).toMatchObject({
      lastState: 'ready',
      lastStateAt: expect.any(String),
    });
  });

  it.each([
    ['epson', 'paper-out', 'PRINTER_PAPER_OUT', /out of paper/],
    ['star', 'paper-out', 'PRINTER_PAPER_OUT', /out of paper/],
    ['zpl', 'paper-out', 'PRINTER_PAPER_OUT', /out of labels/],
    ['epson', 'cover-open', 'PRINTER_COVER_OPEN', /cover is open/],
    ['star', 'cover-open', 'PRINTER_COVER_OPEN', /cover is open/],
    ['zpl', 'head-open', 'PRINTER_HEAD_OPEN', /head is open/],
    ['zpl', 'paused', 'PRINTER_PAUSED', /paused/],
    ['epson', 'error', 'PRINTER_ERROR', /reports an error/],
    ['star', 'error', 'PRINTER_ERROR', /reports an error/],
    ['epson', 'silent', 'PRINTER_NOT_ANSWERING', /did not answer|stopped reading or answering/],
    ['zpl', 'silent', 'PRINTER_NOT_ANSWERING', /did not answer|stopped reading or answering/],
    ['epson', 'garbage', 'PRINTER_BAD_ANSWER', /no status answer/],
    ['star', 'garbage', 'PRINTER_BAD_ANSWER', /no status answer/],
    ['zpl', 'garbage', 'PRINTER_BAD_ANSWER', /no status answer/],
  ] as const)('fails a %s job when the printer answers %s, with %s, and records no label as printed', async (type, status, code, words) => {
    const { emulator, id } = await printerAt(type, status);
    const {
      items: [item],
    } = await given(custody).seizure();
    const job = await finished(await print(id, item.code));
    expect(job).toMatchObject({ status: 'failed', errorCode: code, error: expect.stringMatching(words) });
    // the printer did receive the job: it is the answer that says it did not print
    expect(emulator.jobs.length).toBeGreaterThanOrEqual(1);
    expect(await labelEvents(item.code)).toEqual([]);
    expect((await (await custody.as('clerk')).get(`/printers/${id}`).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await (await custody.as('officer')).get(`/printers/${id}`).expect(200)).body.lastState).toBe(code.replace('PRINTER_', '').toLowerCase());
  });

  it('does not count a job printed by a "printer" that is Custody’s own HTTP server', async () => {
    // the app's own HTTP server, listening as `npm start` has it
    const server = custody.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    const created = await (
      await custody.as('admin')
    )
      .post('/printers', { site: 'POL-BRU', name: 'Not a printer', host: '127.0.0.1', port, type: 'epson' })
      .expect(201);
    const {
      items: [item],
    } = await given(custody).seizure();
    const job = await finished(await print(created.body.id, item.code));
    expect(job).toMatchObject({ status: 'failed', errorCode: expect.stringMatching(/^PRINTER_(BAD_ANSWER|CONNECTION_LOST)$/) });
    expect(await labelEvents(item.code)).toEqual([]);
  });

  it('reports an unreachable printer on the first attempt, as a stable code, and keeps it as the printer’s last state', async () => {
    // a port nobody listens on: the connection is refused at once
    const port = await freePort();
    const created = await (
      await custody.as('admin')
    )
      .post('/printers', { site: 'POL-BRU', name: 'Switched off', host: '127.0.0.1', port, type: 'zpl' })
      .expect(201);
    const {
      items: [item],
    } = await given(custody).seizure();
    const job = await finished(await print(created.body.id, item.code));
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'PRINTER_UNREACHABLE', error: expect.stringMatching(/refused the connection/) });
    const printer = (await (await custody.as('officer')).get(`/printers/${created.body.id}`).expect(200)).body;
    expect(printer).toMatchObject({ lastState: 'unreachable', lastStateAt: expect.any(String) });
  });

  it('ends a job on a printer that confirms on send "sent", not printed, and says so in the event', async () => {
    const { emulator, id } = await printerAt('zpl', 'silent', { confirmation: 'send' });
    const {
      items: [item],
    } = await given(custody).seizure();
    expect(await finished(await print(id, item.code))).toMatchObject({ status: 'sent', error: null, errorCode: null });
    const [received] = await emulator.waitForJobs(1);
    // nothing asked of a printer that cannot answer
    expect(received.decoded().statusRequests).toBe(0);
    expect(received.decoded().labels[0].barcodes.map((barcode) => barcode.data)).toEqual([item.code, item.code]);
    expect(await labelEvents(item.code)).toEqual([expect.objectContaining({ details: expect.objectContaining({ confirmed: false }) })]);
  });

  it('lets administrators ask a printer for its status now, and shows everyone the answer as its last state', async () => {
    const { id } = await printerAt('zpl', 'paused');
    const admin = await custody.as('admin');
    expect((await admin.get(`/printers/${id}/status`).expect(200)).body).toMatchObject({
      printer: id,
      reachable: true,
      state: 'paused',
      errorCode: 'PRINTER_PAUSED',
      error: 'the printer is paused',
      checkedAt: expect.any(String),
    });
    await (await custody.as('officer')).get(`/printers/${id}/status`).expect(403);
    const seen = (await (await custody.as('officer')).get('/printers').expect(200)).body.find((printer: { id: string }) => printer.id === id);
    expect(seen).toMatchObject({ lastState: 'paused' });
    const { id: ready } = await printerAt('star', 'ready');
    expect((await admin.get(`/printers/${ready}/status`).expect(200)).body).toMatchObject({ state: 'ready', errorCode: null, error: null });
  });
});

describe('printers outside PRINTER_NETWORKS', () => {
  let custody: TestApp;
  let connections = 0;
  const listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
    custody = await startTestApp({ PRINTER_NETWORKS: '10.0.0.0/8', PRINT_MAX_ATTEMPTS: '3', PRINT_RETRY_DELAY_SECONDS: '1' });
  });
  afterAll(async () => {
    await custody.close();
    await new Promise((resolve) => listener.close(resolve));
  });

  it('refuses to register one, and never connects to one registered before the networks changed', async () => {
    const admin = await custody.as('admin');
    const refused = await admin.post('/printers', { site: 'POL-BRU', name: 'Loopback', host: '127.0.0.1', port: 9100, type: 'epson' }).expect(400);
    expect(refused.body.fields).toEqual([{ field: 'host', problem: 'is outside the networks printers may be on (PRINTER_NETWORKS)' }]);
    // a printer on loopback from before PRINTER_NETWORKS said 10.0.0.0/8 only
    const { port } = listener.address() as { port: number };
    const [{ id }] = await custody.sql<{ id: string }>(
      `INSERT INTO printers (site_id, name, host, port, type, width_mm, dpi) SELECT id, 'Old desk', '127.0.0.1', $1, 'epson', 80, 203 FROM sites WHERE code = 'POL-BRU' RETURNING id`,
      [port],
    );
    const {
      items: [item],
    } = await given(custody).seizure();
    const queued = (await (await custody.as('officer')).post('/print-jobs', { printer: id, codes: [item.code] }).expect(202)).body.id;
    let job = { status: 'queued' } as { status: string; attempts?: number; errorCode?: string };
    for (let waited = 0; !['failed', 'printed'].includes(job.status) && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await (await custody.as('officer')).get(`/print-jobs/${queued}`).expect(200)).body;
    }
    // no retry: waiting does not move an address into the allowed networks
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'PRINTER_NOT_ALLOWED' });
    expect(connections).toBe(0);
  });
});
