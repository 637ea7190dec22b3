/**
 * How an error is written to the log. pino's default serializer copies every property of an
 * error, and PostgreSQL's errors carry the values of the row they were about (`detail`:
 * "Failing row contains (…)", with a client's contact e-mail in its data; `where`, the query
 * text of a trigger). Only what names the failure is kept: never a value it was given.
 */
export interface LoggedError {
  [field: string]: unknown;
  type: string;
  message: string;
  stack: string;
  /** SQLSTATE or Node's error code. */
  code?: string;
  /** PostgreSQL's names for where it failed. */
  table?: string;
  constraint?: string;
  routine?: string;
  cause?: LoggedError;
}

const KEPT = ['code', 'table', 'constraint', 'routine'] as const;

export function logSafeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: 'a thrown value that is not an Error', stack: '' };
  const fields = error as unknown as Record<string, unknown>;
  const logged: LoggedError = {
    type: error.name,
    // A PostgreSQL message names the relation and constraint, not the values.
    message: error.message,
    stack: error.stack ?? '',
  };
  for (const key of KEPT) {
    const value = fields[key];
    if (typeof value === 'string') logged[key] = value;
  }
  if (error.cause !== undefined && depth < 3) logged.cause = logSafeError(error.cause, depth + 1);
  return logged;
}
