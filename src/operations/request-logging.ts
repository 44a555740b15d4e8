import { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { LogLevel } from '../config';
import { correlationIdOf } from './correlation-id';

/** Whatever logs a request or its headers, these never reach the log. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'request.headers.authorization',
  'authorization',
];

/** The process's logger: JSON lines on stdout (or `destination`), ISO times, levels by name. */
export const rootLogger = (level: LogLevel, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );

type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; originalUrl?: string; ip?: string; baseUrl?: string };

/** The route as declared (`/editions/:editionId/audit`), so that one route's lines group whatever the ids; null when none matched. */
const routeOf = (request: RoutedRequest): string | null =>
  typeof request.route?.path === 'string' ? `${request.baseUrl ?? ''}${request.route.path}` : null;

const fieldsOf = (request: IncomingMessage, response: ServerResponse, durationMs: number) => {
  const routed = request as RoutedRequest;
  return {
    method: request.method,
    route: routeOf(routed),
    url: routed.originalUrl ?? request.url,
    status: response.statusCode,
    durationMs,
    client: routed.ip ?? request.socket.remoteAddress,
  };
};

/**
 * One JSON line per request once it is answered (or the client went away): method, declared route, URL,
 * status, duration and client, with the request's correlation id. No header is logged (the
 * Authorization header least of all). 5xx are `error`, 4xx `warn`, the rest `info`.
 */
export const requestLogger = (logger: Logger): HttpLogger =>
  pinoHttp({
    logger,
    genReqId: (request, response) => correlationIdOf(request, response),
    customAttributeKeys: { reqId: 'correlationId' },
    // Each line carries the correlation id only, not the whole request and response.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessObject: (request, response, value: { responseTime: number }) => fieldsOf(request, response, value.responseTime),
    customErrorObject: (request, response, error, value: { responseTime: number }) => ({ ...fieldsOf(request, response, value.responseTime), error: error.message }),
    customSuccessMessage: (request, response, durationMs) =>
      `${request.method} ${routeOf(request as RoutedRequest) ?? (request as RoutedRequest).originalUrl ?? request.url} ${response.statusCode} ${durationMs} ms`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request as RoutedRequest) ?? request.url} ${response.statusCode} failed`,
  });
