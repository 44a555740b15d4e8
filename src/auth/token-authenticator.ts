import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config';
import { Actor } from './actor';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Tokens are compared as SHA-256 digests with timingSafeEqual, so neither a token's content nor its
 * length leaks through response timing. The actor id is the person's name where the token names one
 * (`role:name:token`), else a digest prefix: stable either way, and no secret in the log.
 */
export class TokenAuthenticator {
  private readonly known: { digest: Buffer; actor: Actor }[];

  constructor(tokens: AppConfig['apiTokens']) {
    this.known = tokens.map(({ role, token, name }) => ({
      digest: digest(token),
      actor: { role, id: name ?? `${role}#${digest(token).toString('hex').slice(0, 10)}` },
    }));
  }

  authenticate(token: string): Actor | undefined {
    const presented = digest(token);
    let match: Actor | undefined;
    for (const candidate of this.known) {
      if (timingSafeEqual(candidate.digest, presented)) match = candidate.actor;
    }
    return match;
  }
}
