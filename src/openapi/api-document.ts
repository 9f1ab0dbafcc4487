import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';

/** The OpenAPI document of the app's routes and schemas, as /api/docs-json serves it. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
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
}

/**
 * The same document without a database: Nest's preview mode reads the modules' controllers and
 * their decorators without making a provider, so nothing connects anywhere.
 */
export async function apiDocumentWithoutDatabase(): Promise<OpenAPIObject> {
  const config = loadConfig({ JWT_SECRET: 'only the document is built: nothing is signed with this', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://127.0.0.1:1/none'), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
