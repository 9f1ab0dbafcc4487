import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { extname, join } from 'node:path';
import { AppModule } from './app.module';
import { checkBeforeAnswering, inRequestSession, RequestSession } from './auth/request-session';
import { refuseHazardousInput } from './common/body-guard';
import { apiDocument } from './common/api-docs';
import { CustodyError, CustodyErrorCode, errorBody } from './common/errors/custody-error';
import { answerMalformedRequestInJson } from './common/malformed-requests';
import { AppLogger, logRequest } from './common/app-logger';
import { securityHeadersFor } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

const routes = new WeakMap<FastifyInstance, string[]>();

/**
 * Builds the whole application, as `npm start` serves it and as the tests drive it: NestJS on
 * Fastify (measured against Express on the scan desk's request: see bench/RESULTS.md).
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const logger = new AppLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitKb * 1024,
    // behind a reverse proxy: whose X-Forwarded-For and X-Forwarded-Proto to believe (the address a sign-in records, HTTPS for HSTS)
    trustProxy: config.trustProxy,
    // request ids: a well-formed X-Request-Id from the client (or a proxy) is kept, else one is made
    genReqId: requestId,
    requestIdHeader: false,
    routerOptions: {
      // a trailing slash names the same route
      ignoreTrailingSlash: true,
      // long enough that a pasted code of any length is answered by validation, not by a missing route
      maxParamLength: 2000,
    },
    // requests Node's HTTP parser refuses get the API's error body too
    clientErrorHandler: answerMalformedRequestInJson,
  });
  const fastify = adapter.getInstance();
  const served: string[] = [];
  routes.set(fastify, served);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') served.push(`${method} ${route.url}`);
  });
  // every request in a store of its own: the session check of its token is made once, in whichever statement comes first
  fastify.addHook('onRequest', (_request, _reply, done) => inRequestSession(done));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeadersFor(request.url, request.protocol === 'https'));
    reply.header('X-Request-Id', request.id);
    done();
  });
  // JSON bodies read here, so that one that cannot be read is answered in the API's words
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, text === '' ? {} : JSON.parse(text as string));
    } catch {
      done(
        new CustodyError(CustodyErrorCode.MalformedJson, 'the request body is not valid JSON', [{ field: 'body', problem: 'is not valid JSON' }]),
        undefined,
      );
    }
  });
  fastify.addHook('preHandler', (request, _reply, done) =>
    done(refuseHazardousInput(request.query, 'query') ?? refuseHazardousInput(request.params, 'params') ?? refuseHazardousInput(request.body)),
  );
  // a route that folds the session check into its service answers only once the check was made
  let dataSource: DataSource | undefined;
  const database = (): DataSource => (dataSource ??= app.get(DataSource, { strict: false }) as DataSource);
  fastify.addHook('onSend', async (request, reply, payload) => {
    const session = (request as { session?: RequestSession }).session;
    if (!session || session.checked) return payload;
    const refusal = await checkBeforeAnswering(session, database());
    if (!refusal) return payload;
    void reply.code(401).type('application/json; charset=utf-8');
    return JSON.stringify(errorBody(refusal));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(logger, request, reply);
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(logger);
  serveWebApplication(fastify, config.webDirectory);
  app.useGlobalPipes(createValidationPipe());

  const document = apiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** Every route the app serves, as "METHOD /path/:param", in the order they were set up. */
export function servedRoutes(app: NestFastifyApplication): string[] {
  return [...(routes.get(app.getHttpAdapter().getInstance()) ?? [])];
}

/** Takes a well-formed X-Request-Id from the client (or a proxy), else makes one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The screens of `web/`, built into one folder: index.html at `/`, never cached, and the hashed
 * assets under `/assets`, cached for a year. All held in memory from the start, so no request,
 * of the screens or of the API, ever waits on the disk.
 */
function serveWebApplication(fastify: FastifyInstance, folder: string): void {
  const indexFile = join(folder, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile);
  const assetsFolder = join(folder, 'assets');
  const assets = new Map(existsSync(assetsFolder) ? readdirSync(assetsFolder).map((name) => [name, readFileSync(join(assetsFolder, name))] as const) : []);
  for (const path of ['/', '/index.html']) {
    fastify.get(path, (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index));
  }
  fastify.get<{ Params: { name: string } }>('/assets/:name', (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(contentTypes[extname(request.params.name)] ?? 'application/octet-stream')
      .send(asset);
  });
}
