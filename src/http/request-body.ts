import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { json, NextFunction, Request, RequestHandler, Response, text } from 'express';

interface BodyRule {
  /** The media types the route reads, as a refusal names them. */
  types: string[];
  parse: RequestHandler;
  /** What the size limit allows, in the route's own terms. */
  holds: string;
}

const jsonBody = (limit: string, holds: string): BodyRule => ({ types: ['application/json'], parse: json({ limit, type: 'application/json' }), holds });

/**
 * A body is read whole and parsed in one go, holding every other request up meanwhile, so each route
 * reads no more than its largest honest body and an oversize one is 413 before it is read. Most
 * commands are a few hundred bytes (a race with 500 timing points is ~40 kB).
 */
const DEFAULT_BODY = jsonBody('256kb', 'one command');

const BODY_RULES: { method: string; path: RegExp; rule: BodyRule }[] = [
  // A mat's backlog: at most 10,000 reads per batch (TimingReadsDto), each well under 400 bytes.
  { method: 'POST', path: /^\/editions\/[^/]+\/timing\/reads\/?$/, rule: jsonBody('4mb', 'a batch of at most 10,000 reads') },
  // A whole registration file: ~100 bytes a row, so 10 MB is some 100,000 runners.
  {
    method: 'POST',
    path: /^\/editions\/[^/]+\/entries\/bulk\/?$/,
    rule: { types: ['text/csv', 'text/plain'], parse: text({ limit: '10mb', type: ['text/csv', 'text/plain'] }), holds: 'a registration file' },
  },
];

/** An empty body (Content-Length: 0, as clients send on a POST without one) has no type to check. */
const sendsABody = (request: Request) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;

/** The body parser's refusals in this API's words: its own name neither the route nor its limit. */
const refusalOf = (error: Error & { type?: string; limit?: number }, request: Request, rule: BodyRule): Error => {
  if (error.type === 'entity.too.large') {
    const message = `${request.method} ${request.path} takes a body of at most ${error.limit} bytes (${rule.holds})`;
    return new PayloadTooLargeException({ message, limitBytes: error.limit });
  }
  if (error.type === 'entity.parse.failed') return new BadRequestException(`the body is not valid JSON: ${error.message}`);
  return error;
};

/** Reads each request's body as its route takes it: of the type it names (else 415) and up to its size (else 413). */
export const requestBodies =
  (): RequestHandler =>
  (request: Request, response: Response, next: NextFunction): void => {
    const { rule } = BODY_RULES.find(({ method, path }) => request.method === method && path.test(request.path)) ?? { rule: DEFAULT_BODY };
    if (sendsABody(request) && !request.is(rule.types)) {
      const sent = request.headers['content-type'] ?? 'no Content-Type';
      next(new UnsupportedMediaTypeException(`${request.method} ${request.path} takes a body of ${rule.types.join(' or ')}, not ${sent}`));
      return;
    }
    rule.parse(request, response, (error?: unknown) => next(error instanceof Error ? refusalOf(error, request, rule) : error));
  };
