import { NestExpressApplication } from '@nestjs/platform-express';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the running app serves, as "METHOD /path/:param", read from Express's router. */
export function listRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return (
    express.router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`))
      // Nest's catch-all answers unknown paths with 404; the API docs are public by design
      .filter((route) => !route.endsWith(' /{*path}') && !route.startsWith('GET /api/docs'))
      .sort()
  );
}
