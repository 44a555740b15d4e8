import { isAbsolute, resolve } from 'node:path';

export type Role = 'organiser' | 'timing' | 'finance';
export const ROLES: readonly Role[] = ['organiser', 'timing', 'finance'];

export interface ApiToken {
  role: Role;
  token: string;
  /** The person the token is theirs (`role:name:token`): the actor id in every event they cause. */
  name?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A token bucket: `requests` at once, refilled at `requests` per `perSeconds`. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** The classes of rate-limited routes (`@RateLimited(name)`), each with its default limit per client. */
export const DEFAULT_RATE_LIMITS = {
  /** Reads that fold or page through much of the log: as-of, diff, the audit trail, CSV exports. */
  expensive: { requests: 30, perSeconds: 60 },
} satisfies Record<string, RateLimit>;
export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;
/** `null`: that class is not limited. */
export type RateLimits = Record<RateLimitName, RateLimit | null>;

export interface AppConfig {
  port: number;
  dataDir: string;
  eventStoreConnectionString?: string;
  apiTokens: ApiToken[];
  /** Request and application logs (JSON lines on stdout) from this level up; `info` when not given. */
  logLevel?: LogLevel;
  /** Per-client limits of the rate-limited routes; DEFAULT_RATE_LIMITS for a class not given. */
  rateLimits?: Partial<RateLimits>;
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

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);

  const rateLimits = parseRateLimits(env.RATE_LIMITS ?? '', problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { port, dataDir, eventStoreConnectionString: connection, apiTokens, logLevel, rateLimits };
};

/** Letters, digits, `.`, `-` and `_`: a name that reads the same in a log, a CSV and a URL. */
const PERSON_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const parseTokens = (text: string, problems: string[]): AppConfig['apiTokens'] => {
  const pairs = text
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '');
  const tokens: AppConfig['apiTokens'] = [];
  pairs.forEach((pair, index) => {
    const separator = pair.indexOf(':');
    const role = pair.slice(0, separator) as Role;
    // `role:token` or `role:name:token`: with a second colon, what stands between the two is the name.
    const rest = pair.slice(separator + 1);
    const named = rest.indexOf(':');
    const name = named === -1 ? undefined : rest.slice(0, named);
    const token = named === -1 ? rest : rest.slice(named + 1);
    if (separator < 1 || !ROLES.includes(role)) {
      problems.push(`API_TOKENS entry ${index + 1} must be role:token or role:name:token with role one of ${ROLES.join(', ')}`);
    } else if (name !== undefined && (!PERSON_NAME.test(name) || (ROLES as string[]).includes(name))) {
      // The name is not echoed: in a mistyped entry it may be part of a token.
      problems.push(
        `API_TOKENS entry ${index + 1} (role ${role}): the name must be 1 to 64 letters, digits, '.', '-' or '_', and not a role`,
      );
    } else if (token.length < 8) {
      problems.push(`API_TOKENS token for role ${role} is shorter than 8 characters`);
    } else if (tokens.some((t) => t.token === token)) {
      problems.push(`API_TOKENS gives the same token to more than one entry (role ${role})`);
    } else {
      tokens.push({ role, token, ...(name !== undefined && { name }) });
    }
  });
  return tokens;
};

/** `RATE_LIMITS=expensive:30/60` (30 requests at once, then 30 per 60 s, per client) or `expensive:off`. */
const parseRateLimits = (text: string, problems: string[]): RateLimits => {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  const names = Object.keys(DEFAULT_RATE_LIMITS) as RateLimitName[];
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .forEach((entry) => {
      const match = /^([a-z][a-z0-9-]*):(?:(off)|(\d+)\/(\d+(?:\.\d+)?)s?)$/.exec(entry);
      const name = match?.[1] as RateLimitName | undefined;
      if (!match || !name || !names.includes(name)) {
        problems.push(`RATE_LIMITS entry "${entry}" must be name:requests/seconds or name:off, with name one of ${names.join(', ')}`);
        return;
      }
      const requests = Number(match[3]);
      const perSeconds = Number(match[4]);
      if (match[2]) limits[name] = null;
      else if (requests < 1 || perSeconds <= 0) problems.push(`RATE_LIMITS entry "${entry}" must allow at least 1 request per more than 0 seconds`);
      else limits[name] = { requests, perSeconds };
    });
  return limits;
};
