import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { servedRoutes } from '../../src/app';

/** Every route the running app serves, as "METHOD /path/:param", as Fastify set them up. */
export function listRoutes(app: NestFastifyApplication): string[] {
  return (
    servedRoutes(app)
      // the screens and the API docs are public by design
      .filter((route) => !/^GET \/(index\.html|assets\/:name|api\/docs)/.test(route) && route !== 'GET /')
      // a wildcard's one parameter, as the API document names it
      .map((route) => route.replace(/\/\*$/, '/:path'))
      .sort()
  );
}
