import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { bodyErrorHandler } from './common/errors/error.filter';
import { createValidationPipe } from './common/validation';
import { answerMalformedRequestsInJson } from './common/malformed-requests';
import { limitBodyDepth } from './common/body-guard';
import { AppConfig } from './config/app-config';
import { QuietStartLogger } from './common/quiet-start-logger';

/** Builds the whole application, as `npm start` serves it and as the tests drive it. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  app.disable('x-powered-by');
  // API answers change with every custody step; hashing each body for an ETag costs more than it saves
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // label previews and downloaded PDFs are fetched with the user's token and shown as blob: URLs
          imgSrc: ["'self'", 'data:', 'blob:'],
          // served over plain HTTP on a site's network, upgrading the page's own requests would break it
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
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

/** The screens of `web/`, built into one folder: index.html at `/`, hashed assets cached for a year. */
function serveWebApplication(app: NestExpressApplication, folder: string): void {
  if (!existsSync(join(folder, 'index.html'))) return;
  app.useStaticAssets(folder, {
    index: 'index.html',
    redirect: false,
    setHeaders: (response, path) => response.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
}
