export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "INVALID";

/**
 * What domain code throws for a caller's mistake. Server actions turn it into a form
 * message, lib/api into the HTTP envelope; `field` names the form field at fault.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
