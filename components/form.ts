import { fieldMessage } from '../lib/i18n';
import { isAppError } from '../lib/model/errors';
import type { FieldScope } from '../lib/model/validate';
import { parseOrThrow } from '../lib/model/validate';
import type { z } from '../lib/model/zod';

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
