import { isAbsolute, resolve } from 'node:path';

export type Role = 'organiser' | 'timing' | 'finance';
export const ROLES: readonly Role[] = ['organiser', 'timing', 'finance'];

export interface AppConfig {
  port: number;
  dataDir: string;
  eventStoreConnectionString?: string;
  apiTokens: { role: Role; token: string }[];
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment variables named in the API document; every bad value is reported at once. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const dataDirText = env.DATA_DIR ?? './data';
  if (dataDirText.trim() === '') problems.push('DATA_DIR must not be empty');
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(process.cwd(), dataDirText);

  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (connection && !/^esdb(\+discover)?:\/\/[^\s]+$/.test(connection)) {
    problems.push(`EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// URL, got "${connection}"`);
  }

  const apiTokens = parseTokens(env.API_TOKENS ?? '', problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { port, dataDir, eventStoreConnectionString: connection, apiTokens };
};

const parseTokens = (text: string, problems: string[]): AppConfig['apiTokens'] => {
  const pairs = text
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '');
  const tokens: AppConfig['apiTokens'] = [];
  pairs.forEach((pair, index) => {
    const separator = pair.indexOf(':');
    const role = pair.slice(0, separator) as Role;
    const token = pair.slice(separator + 1);
    if (separator < 1 || !ROLES.includes(role)) {
      problems.push(`API_TOKENS entry ${index + 1} must be role:token with role one of ${ROLES.join(', ')}`);
    } else if (token.length < 8) {
      problems.push(`API_TOKENS token for role ${role} is shorter than 8 characters`);
    } else if (tokens.some((t) => t.token === token)) {
      problems.push(`API_TOKENS gives the same token to more than one entry (role ${role})`);
    } else {
      tokens.push({ role, token });
    }
  });
  return tokens;
};
