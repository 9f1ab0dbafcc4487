import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { servedRoutes } from '../../src/app';

/** The screens and the API docs: served by the app, public by design, and no operation of the API. */
export function isOutsideTheApi(route: string): boolean {
  return /^GET \/(index\.html|assets\/:name|api\/docs)/.test(route) || route === 'GET /';
}

/** Every route the running app serves, as "METHOD /path/:param", as Fastify set them up. */
export function listRoutes(app: NestFastifyApplication): string[] {
  return (
    servedRoutes(app)
      .filter((route) => !isOutsideTheApi(route))
      // a wildcard's one parameter, as the API document names it
      .map((route) => route.replace(/\/\*$/, '/:path'))
      .sort()
  );
}

/** A route as the API document writes its path: `/items/:code` → `/items/{code}`, a wildcard → `{path}`. */
export function documentPathOf(route: string): string {
  return route.replace(/\/\*$/, '/:path').replace(/:(\w+)/g, '{$1}');
}
