import type { Socket } from 'node:net';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or a URL too large, a
 * malformed request line) get the API's error body too, instead of a bare status line.
 */
export function answerMalformedRequestInJson(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(
    tooLarge
      ? { statusCode: 431, code: 'REQUEST_HEADERS_TOO_LARGE', message: 'the request line or headers are too large' }
      : { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'the request could not be read as HTTP' },
  );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
