import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, DomainErrorCode } from '@hp/contracts';

/** The part of the platform's HTTP response (Express) the filter uses. */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
  setHeader(name: string, value: string): void;
}

const STATUS: Record<DomainErrorCode, number> = {
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.InvalidArgument]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
};

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly errorId?: string;
}

/** The one place where errors become HTTP: domain codes map to statuses; anything else is a logged 500. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const [status, body] = this.describe(error);
    // A refusal for too many requests says when to come back (RFC 9110 Retry-After), as well as in the body.
    const retryAfter = body.details?.['retryAfterSeconds'];
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private describe(error: unknown): [number, ErrorBody] {
    if (error instanceof DomainError) {
      return [STATUS[error.code], { code: error.code, message: error.message, details: error.details }];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return [
        status,
        { code: status === 404 ? DomainErrorCode.NotFound : `HTTP_${status}`, message: error.message },
      ];
    }
    // Errors of the HTTP layer under Nest (body-parser: a body too large, a bad charset, ...) carry their
    // 4xx status (http-errors): the client's fault, answered as such, never as a 500.
    const http = error as { status?: unknown; statusCode?: unknown; message?: unknown; type?: unknown };
    const clientStatus = Number(http?.status ?? http?.statusCode);
    if (clientStatus >= 400 && clientStatus < 500) {
      const message =
        http.type === 'entity.too.large'
          ? 'the request body is too large (at most 100 kB)'
          : String(http.message ?? `HTTP ${clientStatus}`);
      return [
        clientStatus,
        { code: clientStatus === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${clientStatus}`, message },
      ];
    }
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}: ${(error as Error)?.stack ?? String(error)}`);
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { code: 'INTERNAL', message: 'internal error; quote errorId when reporting it', errorId },
    ];
  }
}
