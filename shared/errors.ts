/** A problem the caller can fix; `issues` name fields by path with bilingual messages. */
export interface Issue {
  path: string;
  message: { id: string; en: string };
}

export class ValidationError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message.en}`).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** The request was valid but raced or contradicts the current state. */
export class ConflictError extends Error {
  /** What the user reads, in Indonesian and English (older messages are English only). */
  readonly text: { id: string; en: string };

  constructor(
    message: string | { id: string; en: string },
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'ConflictError';
    this.text = typeof message === 'string' ? { id: message, en: message } : message;
  }
}

/** A dependency (storage, signing service) failed; the caller may retry later. */
export class UnavailableError extends Error {
  /** What the user reads when the dependency has more to say than "storage is unavailable". */
  readonly text?: { id: string; en: string };

  constructor(
    readonly dependency: string,
    options?: { cause?: unknown; text?: { id: string; en: string } },
  ) {
    super(options?.text?.en ?? `${dependency} is unavailable`, options);
    this.name = 'UnavailableError';
    if (options?.text) this.text = options.text;
  }
}

/** No valid identity: the token is missing, expired or forged, or names nobody the system knows. */
export class UnauthorizedError extends Error {
  constructor(readonly text?: { id: string; en: string }) {
    super(text?.en ?? 'a valid sign-in token is required');
    this.name = 'UnauthorizedError';
  }
}

/** The user is known but may not do this; the message says who may. */
export class ForbiddenError extends Error {
  constructor(
    readonly text: { id: string; en: string },
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
    this.name = 'ForbiddenError';
  }
}
