import helmet from 'helmet';

/**
 * The headers helmet would set with these options, taken once at start: helmet is Express
 * middleware, and its work is the same on every request.
 */
function headersOf(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = String(value)), removeHeader: () => undefined };
  helmet(options)({} as never, response as never, () => undefined);
  return headers;
}

const pageDirectives = {
  // label previews and downloaded PDFs are fetched with the user's token and shown as blob: URLs
  imgSrc: ["'self'", 'data:', 'blob:'],
  // the screens' own style sheets only: no inline style, no style from elsewhere (helmet's default admits both)
  styleSrc: ["'self'"],
  // and fonts from here (helmet's default admits any HTTPS origin)
  fontSrc: ["'self'", 'data:'],
  // served over plain HTTP on a site's network, upgrading the page's own requests would break it
  upgradeInsecureRequests: null,
};

/**
 * The screens: pages a browser runs, under helmet's policy with their own scripts and style sheets
 * only. HSTS is added per request, only to an answer served over HTTPS (securityHeadersFor).
 */
const pageHeaders = headersOf({ contentSecurityPolicy: { directives: pageDirectives }, strictTransportSecurity: false });

/** The API docs page (Swagger UI, as @nestjs/swagger serves it) is built with inline styles: the one page whose policy admits them. */
const docsHeaders = headersOf({
  contentSecurityPolicy: { directives: { ...pageDirectives, styleSrc: ["'self'", "'unsafe-inline'"] } },
  strictTransportSecurity: false,
});

/**
 * Every API answer is data, never a page: helmet's headers, with a policy that lets it run nothing
 * and be framed nowhere (OWASP's REST guidance), and kept by no cache, shared or the browser's
 * (ASVS 14.2: custody data, tokens and documents are not to be left on a disk). A route whose
 * answer is public and immutable (a full ledger tile) says so itself.
 */
const apiHeaders = {
  ...pageHeaders,
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const strictTransportSecurity = { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' };

/**
 * The security headers of an answer to this URL; `secure` when the request came over HTTPS (to a
 * proxy Custody trusts, TRUST_PROXY, which says so in X-Forwarded-Proto): only then HSTS, which a
 * browser ignores over plain HTTP and which would only mislead on a site's network.
 */
export function securityHeadersFor(url: string, secure = false): Record<string, string> {
  const path = url.split('?', 1)[0];
  const headers = path.startsWith('/api/docs') ? docsHeaders : path === '/' || path === '/index.html' || path.startsWith('/assets/') ? pageHeaders : apiHeaders;
  return secure ? { ...headers, ...strictTransportSecurity } : headers;
}
