/**
 * Typed domain errors, mapped to HTTP once (DomainExceptionFilter) and to exit codes in the CLIs.
 * Each carries a reason a person can act on.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command contradicts what already happened (a duplicate id, a race that does not exist yet). */
export class ConflictError extends DomainError {}

/** The command names something that does not exist. */
export class NotFoundError extends DomainError {}

/** The command is well-formed but breaks a domain rule (a split beyond the race distance). */
export class RuleViolationError extends DomainError {}
