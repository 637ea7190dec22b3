import type { ImportProblem } from './import';
import type { MessageKey, MessageParams } from './messages';

/** What kind of refusal it is, for callers that branch; the message key is for people. */
export type ErrorCode = 'validation' | 'not_found' | 'rule' | 'conflict' | 'unexpected';

/** A problem with one field, ready to be shown next to it. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. "contact.email". */
  field: string;
  /** Names the field inside the message. */
  labelKey: MessageKey;
  key: MessageKey;
  params: MessageParams;
}

/** Every refusal of an operation: typed, with a message key that exists in every locale. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(key);
    this.name = 'AppError';
  }
}

/**
 * An import refused for the problems its plan found (nothing was written): they go with the
 * refusal, located in the file as the preview lists them.
 */
export class ImportRefusedError extends AppError {
  constructor(readonly importProblems: readonly ImportProblem[]) {
    super('validation', 'import_refused', { count: importProblems.length });
    this.name = 'ImportRefusedError';
  }
}

export function validationError(problems: FieldProblem[]): AppError {
  return new AppError('validation', 'error_validation', { count: problems.length }, problems);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
