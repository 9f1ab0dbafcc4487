import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
// oidc-provider (panva's certified OpenID provider) has no types of its own
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Provider = require('oidc-provider') as new (issuer: string, configuration: object) => { callback: () => (request: unknown, response: unknown) => void };

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider, certified by the OpenID Foundation) on 127.0.0.1, with one
 * client: Custody at `redirectUri`. Its development sign-in pages take any login (it becomes the
 * `sub` and `preferred_username` claims) and any password, then ask for consent.
 */
export async function startIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const clientId = 'custody';
  const clientSecret = 'a client secret of the test identity provider';
  const server = new Server();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
    findAccount: (_context: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, name: id, email: `${id}@example.invalid` }),
    }),
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['a cookie key of the test identity provider'] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
