import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'X-Correlation-Id';

type CorrelatedRequest = IncomingMessage & { correlationId?: string };

/**
 * The one correlation id of a request: the caller's X-Correlation-Id (1 to 200 characters) or a new
 * UUID, chosen once, kept on the request and echoed in the response's X-Correlation-Id. The request log
 * and the metadata of every event the request appends carry this same id.
 */
export const correlationIdOf = (request: IncomingMessage, response?: ServerResponse): string => {
  const correlated = request as CorrelatedRequest;
  if (correlated.correlationId === undefined) {
    const sent = request.headers['x-correlation-id'];
    correlated.correlationId = typeof sent === 'string' && sent.length >= 1 && sent.length <= 200 ? sent : randomUUID();
    if (response && !response.headersSent) response.setHeader(CORRELATION_HEADER, correlated.correlationId);
  }
  return correlated.correlationId;
};
