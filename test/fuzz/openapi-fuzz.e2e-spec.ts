import { startTestApp, TestApp } from '../support/test-app';
import { fuzz } from './fuzz-run';

const requests = Number(process.env.FUZZ_REQUESTS ?? 2000);
// npm test replays one seed, so a failure is the same on every machine; npm run test:fuzz draws a new one
const seed = Number(process.env.FUZZ_SEED ?? (process.env.FUZZ_REQUESTS ? Date.now() % 2 ** 31 : 20261123));

/** Requests generated from the server's own OpenAPI document: never a 5xx, never a stack trace, and a refusal writes nothing. */
describe(`fuzzing every endpoint from /api/docs-json (${requests} requests, seed ${seed})`, () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp({ PRINT_MAX_ATTEMPTS: '1', PRINTER_CONNECT_TIMEOUT_MS: '200', CHECKPOINT_EVERY_EVENTS: '0', CHECKPOINT_EVERY_MINUTES: '0' });
  });
  afterAll(() => custody.close());

  it('answers each with a 2xx or a 4xx in the error shape, and a refused one changes nothing', async () => {
    const summary = await fuzz(custody, requests, seed);
    console.log(`fuzz: ${summary.requests} requests, answers ${JSON.stringify(summary.byStatus)}`);
    expect(summary.findings).toEqual([]);
    expect(summary.requests).toBe(requests);
    // the generated requests reach the handlers, not only validation
    expect(Object.keys(summary.byStatus).filter((status) => status.startsWith('2')).length).toBeGreaterThan(0);
    await custody.http().get('/health').expect(200);
  }, 3_600_000);
});
