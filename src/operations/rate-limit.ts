import { applyDecorators, CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { DEFAULT_RATE_LIMITS, RateLimit, RateLimitName, RateLimits } from '../config';

const RATE_LIMIT_KEY = 'race:rate-limit';

/** A client's bucket: tokens left as of `at` (ms). */
type Bucket = { tokens: number; at: number };

/** Above this many clients tracked, buckets that have refilled (as good as new) are dropped. */
const MAX_TRACKED_CLIENTS = 10_000;

export type Taken = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets per route class and client: a client may send a class's `requests` at once, and then one
 * more each `perSeconds / requests` seconds. In memory, per process: a restart forgets them.
 */
export class RateLimiter {
  private readonly buckets = new Map<RateLimitName, Map<string, Bucket>>();
  readonly limits: RateLimits;

  constructor(limits: Partial<RateLimits> = {}, private readonly now: () => number = () => performance.now()) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  take(name: RateLimitName, client: string): Taken {
    const limit = this.limits[name];
    if (!limit) return { allowed: true };
    const perMs = limit.requests / (limit.perSeconds * 1000);
    const now = this.now();
    const clients = this.buckets.get(name) ?? new Map<string, Bucket>();
    this.buckets.set(name, clients);
    const bucket = clients.get(client);
    const tokens = bucket ? Math.min(limit.requests, bucket.tokens + (now - bucket.at) * perMs) : limit.requests;
    if (tokens >= 1) {
      if (!bucket && clients.size >= MAX_TRACKED_CLIENTS) this.forgetRefilled(clients, limit, perMs, now);
      clients.set(client, { tokens: tokens - 1, at: now });
      return { allowed: true };
    }
    clients.set(client, { tokens, at: now });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  private forgetRefilled(clients: Map<string, Bucket>, limit: RateLimit, perMs: number, now: number): void {
    for (const [client, bucket] of clients) {
      if (bucket.tokens + (now - bucket.at) * perMs >= limit.requests) clients.delete(client);
    }
  }
}

/** The client a limit is kept for: its IP address (as Express sees it: the socket's, unless `trust proxy` is set). */
const clientOf = (request: Request): string => request.ip ?? request.socket.remoteAddress ?? 'unknown';

const describe = (limit: RateLimit) => `${limit.requests} per ${limit.perSeconds} s`;

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
    if (!name) return true;
    const http = context.switchToHttp();
    const taken = this.limiter.take(name, clientOf(http.getRequest<Request>()));
    if (taken.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(taken.retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `this client sent more ${name} requests than the ${describe(this.limiter.limits[name]!)} it may; retry in ${taken.retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Limits a route (or every route of a controller) per client IP with the token bucket of its class
 * (RATE_LIMITS; DEFAULT_RATE_LIMITS). Over it: 429 with Retry-After (seconds) and the usual error body.
 * Works in any module: RateLimiter comes from the global OperationsModule.
 *
 *   @Get('results.csv')
 *   @RateLimited('expensive')
 *   export(...) { ... }
 */
export const RateLimited = (name: RateLimitName) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, name),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: `over this client's ${name} rate limit (RATE_LIMITS): retry after the Retry-After seconds` }),
  );
