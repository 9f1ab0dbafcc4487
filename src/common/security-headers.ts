import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The screens and the API docs: pages a browser runs, under helmet's policy, which admits only their own scripts. */
const pageHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      // label previews and downloaded PDFs are fetched with the user's token and shown as blob: URLs
      imgSrc: ["'self'", 'data:', 'blob:'],
      // served over plain HTTP on a site's network, upgrading the page's own requests would break it
      upgradeInsecureRequests: null,
    },
  },
  // only over HTTPS does a browser heed it; on a site's plain-HTTP network it would only mislead
  strictTransportSecurity: false,
});

/**
 * Every API answer is data, never a page: a policy that lets it run nothing and be framed nowhere
 * (OWASP's REST guidance), set from one list made once, rather than helmet's per-request work.
 */
const apiHeaders: [string, string][] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

const isPage = (path: string) => path === '/' || path === '/index.html' || path.startsWith('/assets/') || path.startsWith('/api/docs');

/** Security headers on every answer: helmet's for pages, the fixed API list for everything else. */
export const securityHeaders: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
  if (isPage(request.path)) return pageHeaders(request, response, next);
  for (const [name, value] of apiHeaders) response.setHeader(name, value);
  next();
};
