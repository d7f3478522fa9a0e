export interface FieldError {
  field: string;
  message: string;
}

// A domain error with a stable code; the one exception filter maps it to an HTTP problem
// document (RFC 9457) or an HTML error page.
export class DeskError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  static validation(errors: FieldError[], detail = 'Some fields are missing or invalid.'): DeskError {
    return new DeskError(422, 'validation_failed', 'Your request has invalid fields', detail, errors);
  }

  static notFound(detail = 'There is nothing here.'): DeskError {
    return new DeskError(404, 'not_found', 'Not found', detail);
  }

  static conflict(code: string, detail: string, extra: Record<string, unknown> = {}): DeskError {
    return new DeskError(409, code, 'Conflict', detail, [], extra);
  }

  static tooManyRequests(retryAfterSeconds: number): DeskError {
    return new DeskError(429, 'rate_limited', 'Too many requests', `Please wait ${retryAfterSeconds} seconds and try again.`, [], {
      retryAfter: retryAfterSeconds,
    });
  }
}
