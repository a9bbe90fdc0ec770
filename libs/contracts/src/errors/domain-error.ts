/**
 * Domain errors carry a stable code; one HTTP filter maps codes to statuses, so features never
 * deal in HTTP and clients can branch on `code`.
 */
export const DomainErrorCode = {
  NotFound: 'NOT_FOUND',
  InvalidArgument: 'INVALID_ARGUMENT',
  Conflict: 'CONFLICT',
  Unavailable: 'UNAVAILABLE',
  /** No valid credentials (no token, a bad or expired one, a wrong password). */
  Unauthenticated: 'UNAUTHENTICATED',
  /** Known, but not allowed (a role, or a park outside the user's). */
  Forbidden: 'FORBIDDEN',
  TooManyRequests: 'TOO_MANY_REQUESTS',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} ${JSON.stringify(id)} does not exist`, {
      what,
      id,
    });
  }

  static invalid(field: string, problem: string): DomainError {
    return new DomainError(DomainErrorCode.InvalidArgument, `${field}: ${problem}`, { field });
  }
}
