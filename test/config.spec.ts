import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('has defaults that need no server', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.eventStoreConnectionString).toBeUndefined();
    expect(config.apiTokens).toEqual([]);
  });

  it('reads tokens and the EventStoreDB connection string', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/race',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      API_TOKENS: 'organiser:org-secret-1, timing:mat-secret-2,finance:money-secret',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/race',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      apiTokens: [
        { role: 'organiser', token: 'org-secret-1' },
        { role: 'timing', token: 'mat-secret-2' },
        { role: 'finance', token: 'money-secret' },
      ],
      logLevel: 'info',
      rateLimits: { expensive: { requests: 30, perSeconds: 60 } },
    });
  });

  it('reads the person a token names (role:name:token), and plain role:token beside it', () => {
    const config = loadConfig({ API_TOKENS: 'organiser:aigerim:s3cret-token,timing:mat-secret-2, finance:d.bekov_2:money:secret' });
    expect(config.apiTokens).toEqual([
      { role: 'organiser', name: 'aigerim', token: 's3cret-token' },
      { role: 'timing', token: 'mat-secret-2' },
      // After the name, the token is the rest: it may hold colons.
      { role: 'finance', name: 'd.bekov_2', token: 'money:secret' },
    ]);
  });

  it.each([
    ['organiser:ai gerim:s3cret-token', 'entry 1 (role organiser): the name must be 1 to 64 letters'],
    ['organiser::s3cret-token', 'entry 1 (role organiser): the name must be'],
    ['organiser:aigerim/ops:s3cret-token', 'entry 1 (role organiser): the name must be'],
    ['organiser:timing:s3cret-token', 'and not a role'],
    [`organiser:${'a'.repeat(65)}:s3cret-token`, 'the name must be 1 to 64'],
    ['organiser:aigerim:short', 'token for role organiser is shorter than 8'],
    ['organiser:aigerim:s3cret-token,timing:bolat:s3cret-token', 'the same token to more than one entry'],
  ])('refuses the named token %s', (tokens, problem) => {
    expect(() => loadConfig({ API_TOKENS: tokens })).toThrow(problem);
    expect(() => loadConfig({ API_TOKENS: tokens })).not.toThrow(/s3cret/);
  });

  it('reads the log level and the rate limits', () => {
    expect(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'expensive:5/10' })).toMatchObject({
      logLevel: 'silent',
      rateLimits: { expensive: { requests: 5, perSeconds: 10 } },
    });
    expect(loadConfig({ RATE_LIMITS: 'expensive:off' }).rateLimits).toEqual({ expensive: null });
    expect(loadConfig({ RATE_LIMITS: 'expensive:120/60s' }).rateLimits).toEqual({ expensive: { requests: 120, perSeconds: 60 } });
    expect(() => loadConfig({ LOG_LEVEL: 'loud', RATE_LIMITS: 'cheap:1/1,expensive:lots,expensive:0/60' })).toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"[\s\S]*RATE_LIMITS entry "cheap:1\/1" must be name:requests\/seconds or name:off, with name one of expensive[\s\S]*"expensive:lots"[\s\S]*"expensive:0\/60" must allow at least 1 request/,
    );
  });

  it('reports every bad value at once, without echoing a token', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENTSTORE_CONNECTION_STRING: 'http://x', API_TOKENS: 'admin:supersecret,timing:short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT must be a whole number/);
    expect(message).toMatch(/EVENTSTORE_CONNECTION_STRING must be an esdb/);
    expect(message).toMatch(/API_TOKENS entry 1 must be role:token or role:name:token/);
    expect(message).toMatch(/token for role timing is shorter than 8/);
    expect(message).not.toMatch(/supersecret/);
  });
});
