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
    });
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
    expect(message).toMatch(/API_TOKENS entry 1 must be role:token/);
    expect(message).toMatch(/token for role timing is shorter than 8/);
    expect(message).not.toMatch(/supersecret/);
  });
});
