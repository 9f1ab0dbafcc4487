import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { ApiContract, OpenApiDocument } from './api-contract';
import { documentPathOf, isOutsideTheApi } from './routes';

export interface AnswerCheck {
  /** the document answers are held to; none yet while the app starts */
  contract?: ApiContract;
  /** what disagreed with it, one line a problem, naming the operation and status */
  readonly violations: string[];
}

/**
 * Holds every answer of the app to its API document: a hook that sees each answer as it is sent,
 * looks up its operation by method and route, and keeps what disagrees. Installed before the app is ready.
 */
export function checkEveryAnswer(fastify: FastifyInstance): AnswerCheck {
  const check: AnswerCheck = { violations: [] };
  fastify.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    // HEAD is GET without its body; an unknown path has no operation (its 404 is the router's)
    if (!check.contract || route === undefined || request.method === 'HEAD' || isOutsideTheApi(`${request.method} ${route}`)) return payload;
    const body = payload === null || payload === undefined ? '' : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined;
    const contentType = reply.getHeader('content-type');
    const answer = {
      method: request.method,
      path: documentPathOf(route),
      status: reply.statusCode,
      contentType: contentType === undefined ? undefined : String(contentType),
      body,
    };
    // the check must never change the answer: a schema Ajv cannot compile is a violation too
    try {
      check.violations.push(...check.contract.problemsOf(answer));
    } catch (error) {
      check.violations.push(`${answer.method} ${answer.path} ${answer.status}: the document's schema cannot be checked: ${(error as Error).message}`);
    }
    return payload;
  });
  return check;
}

/** The violations as one message, each distinct problem once with how often it was seen. */
export function describeViolations(violations: string[]): string {
  const counts = new Map<string, number>();
  for (const violation of violations) counts.set(violation, (counts.get(violation) ?? 0) + 1);
  const lines = [...counts].map(([violation, count]) => (count > 1 ? `${violation} (×${count})` : violation));
  return `${violations.length} answer problem(s) against the API document (/api/docs-json):\n${lines.join('\n')}`;
}

export interface CheckedRequests {
  get: (path: string) => request.Test;
  post: (path: string) => request.Test;
}

/**
 * supertest on a server of its own process (`runServer`), every answer held to the document that
 * server serves: a request whose answer disagrees fails with the problems.
 */
export async function requestsCheckedAt(address: string): Promise<CheckedRequests> {
  const served = await request(address).get('/api/docs-json').expect(200);
  const contract = new ApiContract(served.body as OpenApiDocument);
  const checked = (method: 'get' | 'post', path: string) => {
    const template = contract.pathOf(method, path);
    return request(address)
      [method](path)
      .expect((response) => {
        const problems = template
          ? contract.problemsOf({ method, path: template, status: response.status, contentType: response.headers['content-type'], body: response.text })
          : [`${method.toUpperCase()} ${path}: no such operation in the document`];
        if (problems.length > 0) throw new Error(describeViolations(problems));
      });
  };
  return { get: (path) => checked('get', path), post: (path) => checked('post', path) };
}
