import { HttpException, HttpStatus } from '@nestjs/common';
import { maxHeaderSize, Server, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';

/**
 * The body of every error answer, whoever refuses the request (a domain rule, validation, the router,
 * the body parser, Node's HTTP parser): the status, what kind of error, and why, plus what that error
 * adds (`fields` of a validation error, `currentRevision` of a 409 on a stale revision...).
 */
export type ErrorBody = { statusCode: number; error: string; message: string; [detail: string]: unknown };

const phraseOf = (status: number) => STATUS_CODES[status] ?? 'Error';

/** Errors of the body parser (the `http-errors` package): a status, and whether the message may be shown. */
interface HttpError extends Error {
  status: number;
  expose?: boolean;
}

const isHttpError = (error: unknown): error is HttpError =>
  error instanceof Error && Number.isInteger((error as Partial<HttpError>).status);

const fromHttpException = (exception: HttpException): ErrorBody => {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return { statusCode, error: phraseOf(statusCode), message: response };
  const { message, error, statusCode: _, ...details } = response as Record<string, unknown>;
  // Nest's own pipes give a list of messages; one sentence reads the same as everywhere else.
  const text = Array.isArray(message) ? message.join('; ') : String(message ?? phraseOf(statusCode));
  return { statusCode, error: typeof error === 'string' ? error : phraseOf(statusCode), message: text, ...details };
};

/** Any error that is not a domain error, as the one body; what is not an HTTP error is the server's fault (500). */
export const errorBodyOf = (error: unknown): ErrorBody => {
  if (error instanceof HttpException) return fromHttpException(error);
  if (isHttpError(error)) {
    return { statusCode: error.status, error: phraseOf(error.status), message: error.expose === false ? phraseOf(error.status) : error.message };
  }
  const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
  return { statusCode, error: phraseOf(statusCode), message: 'the server failed on this request; the failure is logged' };
};

const clientErrorOf = (code: string | undefined): ErrorBody => {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { statusCode: 431, error: phraseOf(431), message: `the request headers are larger than the ${maxHeaderSize} bytes the server reads` };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { statusCode: 408, error: phraseOf(408), message: 'the request did not arrive in time' };
  return { statusCode: 400, error: phraseOf(400), message: `the request is not valid HTTP (${code ?? 'unparsable'})` };
};

/**
 * Node refuses a request it cannot parse (headers over its limit: 431; malformed: 400) before Express
 * sees it, with an empty body. This answers those in the one body too, as Node would otherwise: only
 * on a connection that has not been answered on yet, and closing it.
 */
export const answerUnparsableRequests = (server: Server): void => {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
      socket.destroy(error);
      return;
    }
    const answer = clientErrorOf(error.code);
    const body = JSON.stringify(answer);
    const head = `HTTP/1.1 ${answer.statusCode} ${answer.error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close`;
    socket.end(`${head}\r\n\r\n${body}`);
  });
};
