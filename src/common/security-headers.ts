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

/** The screens and the API docs: pages a browser runs, under helmet's policy, which admits only their own scripts. */
const pageHeaders = headersOf({
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

/** Every API answer is data, never a page: helmet's headers, with a policy that lets it run nothing and be framed nowhere (OWASP's REST guidance). */
const apiHeaders = {
  ...pageHeaders,
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

/** The security headers of an answer to this URL. */
export function securityHeadersFor(url: string): Record<string, string> {
  const path = url.split('?', 1)[0];
  const page = path === '/' || path === '/index.html' || path.startsWith('/assets/') || path.startsWith('/api/docs');
  return page ? pageHeaders : apiHeaders;
}
