import { type FieldProblem, validationError } from './errors';
import type { MessageKey, MessageParams } from './messages';
import { z } from './zod';

/** The kind of record being checked: it picks the field labels (field_<scope>_<path>). */
export type FieldScope =
  | 'client'
  | 'settings'
  | 'experiment'
  | 'member'
  | 'usage'
  | 'quota'
  | 'subscription'
  | 'payment'
  | 'revoke'
  /** A sync change's own fields around the form (its Org ID, a record's key): lib/model/sync-schema.ts. */
  | 'sync';

function isBlank(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

/** Maps one zod issue to a message key; schemas name their own key for custom checks. */
function problemKey(issue: z.core.$ZodIssue): { key: MessageKey; params: MessageParams } {
  if (issue.message.startsWith('error_')) return { key: issue.message as MessageKey, params: {} };
  switch (issue.code) {
    case 'invalid_type':
      if (isBlank(issue.input)) return { key: 'error_required', params: {} };
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof issue.input === 'number'))
        return { key: 'error_notWholeNumber', params: {} };
      if (issue.expected === 'number' || issue.expected === 'int') return { key: 'error_notNumber', params: {} };
      return { key: 'error_invalid', params: {} };
    case 'too_small':
      if (issue.origin === 'string') return { key: 'error_required', params: {} };
      if (issue.origin === 'array') return { key: 'error_invalid', params: {} };
      return { key: 'error_tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'error_tooLong', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array') return { key: 'error_tooMany', params: { max: Number(issue.maximum) } };
      return { key: 'error_tooLarge', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'error_emailInvalid', params: {} };
      return { key: 'error_invalid', params: {} };
    case 'invalid_value':
      return { key: 'error_invalidChoice', params: {} };
    default:
      return { key: 'error_invalid', params: {} };
  }
}

function toProblem(issue: z.core.$ZodIssue, scope: FieldScope, nestedUnder?: string): FieldProblem {
  // Array positions (reminder days) belong to the array's field.
  let path = issue.path.filter((part): part is string => typeof part === 'string');
  if (nestedUnder !== undefined) {
    // The form's fields are named as the form names them; the change's own fields as the change's.
    if (path[0] === nestedUnder) path = path.slice(1);
    else scope = 'sync';
  }
  const field = path.join('.');
  const { key, params } = problemKey(issue);
  return {
    field,
    labelKey: `field_${scope}_${path.join('_') || 'value'}` as MessageKey,
    key,
    params,
  };
}

/**
 * Parses input with a schema, or throws one AppError listing a problem per field (the
 * first problem of each field: one clear message beats three about the same box).
 */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  scope: FieldScope,
  /** The key that holds the form's fields (a sync change's `client`): problems are named as the form names them. */
  nestedUnder?: string,
): z.output<S> {
  const result = z.safeParse(schema, input, { reportInput: true });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const problem = toProblem(issue, scope, nestedUnder);
    if (seen.has(problem.field)) continue;
    seen.add(problem.field);
    problems.push(problem);
  }
  throw validationError(problems);
}
