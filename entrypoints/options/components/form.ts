import { fieldMessage } from '../../../lib/i18n';
import { isAppError } from '../../../lib/model/errors';
import type { FieldScope } from '../../../lib/model/validate';
import { parseOrThrow } from '../../../lib/model/validate';
import type { z } from '../../../lib/model/zod';

/** Messages by dotted field path, from an operation's refusal; empty for other errors. */
export function messagesByField(error: unknown): Record<string, string> {
  if (!isAppError(error)) return {};
  return Object.fromEntries(error.problems.map((problem) => [problem.field, fieldMessage(problem)]));
}

/** Checks a whole form with its schema and returns the message for every field that fails. */
export function validateForm(schema: z.ZodMiniType, values: unknown, scope: FieldScope): Record<string, string> {
  try {
    parseOrThrow(schema, values, scope);
    return {};
  } catch (error) {
    return messagesByField(error);
  }
}

/** How a form is checked: its schema, and the form's own checks that span fields or need other data. */
export interface FormChecks<V> {
  /** Picks the schema's labels: `field_<scope>_<field>`. */
  scope: FieldScope;
  schema: z.ZodMiniType;
  /** What the schema checks, when the inputs hold text the operation takes as something else. */
  toInput?: ((values: V) => unknown) | undefined;
  /**
   * The form's own checks, given what the schema said, by field: a message returned replaces
   * the schema's for its field (a pool size below what clients hold, a list not made of numbers).
   */
  check?: ((values: V, errors: Readonly<Record<string, string>>) => Record<string, string | undefined>) | undefined;
}

/** Every problem of a form's values, by dotted field: the schema's, then the form's own checks. */
export function formErrors<V>(checks: FormChecks<V>, values: V): Record<string, string> {
  const errors = validateForm(checks.schema, checks.toInput ? checks.toInput(values) : values, checks.scope);
  if (!checks.check) return errors;
  for (const [field, message] of Object.entries(checks.check(values, errors)))
    if (message !== undefined) errors[field] = message;
  return errors;
}
