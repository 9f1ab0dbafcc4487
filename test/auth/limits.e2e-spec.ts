import { startTestApp, TestApp } from '../support/test-app';

describe('token lifetime and sign-in rate limit', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp({ JWT_TTL_SECONDS: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '4' })));
  afterAll(() => custody.close());

  it('refuses a token once its configured lifetime has passed', async () => {
    const signIn = await custody.http().post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(200);
    expect(signIn.body.expiresIn).toBe(3);
    await custody.http().get('/auth/me').auth(signIn.body.accessToken, { type: 'bearer' }).expect(200);
    // token times are whole seconds: a 3-second token lives more than 2 and at most 3
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const expired = await custody.http().get('/auth/me').auth(signIn.body.accessToken, { type: 'bearer' }).expect(401);
    expect(expired.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('slows down a burst of sign-ins from one address with 429', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push(
        (
          await custody
            .http()
            .post('/auth/login')
            .send({ username: 'clerk', password: `guess-${attempt}` })
        ).status,
      );
    }
    // the first test used one sign-in of the four allowed per minute
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await custody.http().post('/auth/login').send({ username: 'clerk', password: 'custody-demo' }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    await custody.http().get('/health').expect(200);
  });
});
