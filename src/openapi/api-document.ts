import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { apiDocument } from '../common/api-docs';
import { loadConfig } from '../config/app-config';

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
