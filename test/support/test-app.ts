import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { LedgerIntegrator } from '../../src/ledger/integrator';
import { demoPassword } from '../../src/demo/demo';
import { createTestDatabase, sql } from './test-database';
import { ApiContract, OpenApiDocument } from './api-contract';
import { AnswerCheck, checkEveryAnswer, describeViolations } from './answer-check';

export interface SignedInRequests {
  get: (path: string) => request.Test;
  post: (path: string, body?: object) => request.Test;
  delete: (path: string) => request.Test;
}

export interface TestApp {
  app: NestFastifyApplication;
  databaseUrl: string;
  /** supertest on the real HTTP server of the app */
  http: () => ReturnType<typeof request>;
  /** A bearer token of a demo user (or any user and password), fetched once through POST /auth/login. */
  token: (username: string, password?: string) => Promise<string>;
  sql: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
  /** Gives every event committed so far its ledger position, as the integrator does about a second after commit. */
  integrated: () => Promise<number>;
  /** Requests signed in as a demo user: `(await custody.as('clerk')).post(path, body)`. */
  as: (username: string) => Promise<SignedInRequests>;
  /** Every answer held to the app's own API document; `close()` fails the test file with what disagreed. */
  answers: AnswerCheck;
  close: () => Promise<void>;
}

/** The real application on a database of this test file's own, configured as `npm start` would be. */
export async function startTestApp(environment: Record<string, string> = {}, from: 'demo' | 'empty' | { sameDatabaseAs: TestApp } = 'demo'): Promise<TestApp> {
  // a second instance shares the first one's database, as servers behind one load balancer do
  const databaseUrl = typeof from === 'object' ? from.sameDatabaseAs.databaseUrl : await createTestDatabase(from);
  const dataDirectory = mkdtempSync(join(tmpdir(), 'custody-app-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDirectory,
    JWT_SECRET: 'a test secret that is long enough for HS256 signing',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    // the demo's administrators and auditors sign in with their password alone here; the tests of the second factor ask it
    SECOND_FACTOR_ROLES: 'none',
    ...environment,
  });
  const app = await createApp(config, databaseUrl);
  const answers = checkEveryAnswer(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  try {
    answers.contract = new ApiContract((await app.inject({ method: 'GET', url: '/api/docs-json' })).json<OpenApiDocument>());
  } catch (error) {
    await app.close();
    throw error;
  }
  const server = app.getHttpServer();
  const tokens = new Map<string, string>();
  const token = async (username: string, password = demoPassword) => {
    const key = `${username}\n${password}`;
    if (!tokens.has(key)) {
      const response = await request(server).post('/auth/login').send({ username, password });
      if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
      tokens.set(key, response.body.accessToken);
    }
    return tokens.get(key)!;
  };
  return {
    app,
    databaseUrl,
    http: () => request(server),
    token,
    sql: (text, values) => sql(databaseUrl, text, values),
    integrated: () => app.get(LedgerIntegrator).integrateAll(),
    as: async (username) => {
      const bearer = await token(username);
      return {
        get: (path) => request(server).get(path).auth(bearer, { type: 'bearer' }),
        post: (path, body) =>
          request(server)
            .post(path)
            .auth(bearer, { type: 'bearer' })
            .send(body ?? {}),
        delete: (path) => request(server).delete(path).auth(bearer, { type: 'bearer' }),
      };
    },
    answers,
    close: async () => {
      await app.close();
      rmSync(dataDirectory, { recursive: true, force: true });
      if (answers.violations.length > 0) throw new Error(describeViolations(answers.violations));
    },
  };
}
