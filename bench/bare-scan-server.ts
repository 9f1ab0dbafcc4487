import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The ceiling of GET /scan/:code: node's own HTTP server and one pg pool answering the same item
 * read as JSON, with nothing else (no framework, no token, no access rule). Run as its own
 * process by the scan benchmark: `node bare-scan-server.js <databaseUrl> <port> <query>`.
 */
const [databaseUrl, port, text] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: 20 });
const server = createServer((request, response) => {
  const code = request.url?.startsWith('/scan/') ? decodeURIComponent(request.url.slice(6)) : null;
  if (!code) {
    response.writeHead(404).end();
    return;
  }
  pool.query({ name: 'scan', text, values: [code] }).then(
    ({ rows }) => {
      response.writeHead(rows.length ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(rows[0] ?? { code: 'NOT_FOUND' }));
    },
    () => response.writeHead(500).end(),
  );
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGINT', () => server.close(() => void pool.end().then(() => process.exit(0))));
