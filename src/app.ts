import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { bodyErrorHandler } from './common/errors/error.filter';
import { createValidationPipe } from './common/validation';
import { answerMalformedRequestsInJson } from './common/malformed-requests';
import { limitBodyDepth } from './common/body-guard';
import { AppConfig } from './config/app-config';
import { QuietStartLogger } from './common/quiet-start-logger';
import { inRequestSession } from './auth/request-session';
import { securityHeaders } from './common/security-headers';

/** Builds the whole application, as `npm start` serves it and as the tests drive it. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  app.disable('x-powered-by');
  // every request in a store of its own: the session check of its token is made once, in whichever statement comes first
  app.use((_request: unknown, _response: unknown, next: () => void) => inRequestSession(next));
  // API answers change with every custody step; hashing each body for an ETag costs more than it saves
  app.set('etag', false);
  app.use(securityHeaders);
  serveWebApplication(app, config.webDirectory);
  // not strict: a body of "x" or 42 reaches validation and is answered "body must be a JSON object"
  app.use(express.json({ limit: config.bodyLimitKb * 1024, strict: false }));
  app.use(limitBodyDepth);
  app.use(bodyErrorHandler);
  answerMalformedRequestsInJson(app.getHttpServer());
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Custody')
      .setDescription(
        'Evidence chain of custody: seizures, items, transfers, labels and a verifiable custody ledger. Sign in with POST /auth/login, then send Authorization: Bearer <accessToken>.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * The screens of `web/`, built into one folder: index.html at `/` (from memory, never cached) and
 * the hashed assets under `/assets` for a year. Only requests under `/assets` reach the disk, so
 * an API request never costs a filesystem lookup.
 */
function serveWebApplication(app: NestExpressApplication, folder: string): void {
  const indexFile = join(folder, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile);
  app.use('/assets', express.static(join(folder, 'assets'), { index: false, redirect: false, immutable: true, maxAge: '365d' }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path !== '/' && request.path !== '/index.html') return next();
    response.setHeader('cache-control', 'no-cache');
    response.type('html').send(index);
  });
}
