/**
 * How requests and answers travel between the pages and the background worker. Loads no zod:
 * every page that sends a request loads this module.
 */
import { AppError, type ErrorCode, type FieldProblem } from '../model/errors';
import type { MessageKey, MessageParams } from '../model/messages';

/** A request as it travels: its type and, for a type that takes one, its payload. */
export interface RequestMessage {
  type: string;
  payload?: unknown;
}

/** A refusal as it travels: everything the AppError holds (runtime messages carry plain data only). */
export interface WireError {
  code: ErrorCode;
  key: MessageKey;
  params: MessageParams;
  problems: FieldProblem[];
}

/** The background's answer to a request: the response, or the refusal. */
export type Reply = { ok: true; value: unknown } | { ok: false; error: WireError };

export function answered(value: unknown): Reply {
  return { ok: true, value };
}

export function refused(error: AppError): Reply {
  return {
    ok: false,
    error: { code: error.code, key: error.key, params: error.params, problems: [...error.problems] },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The response that `reply` carries; a refusal is thrown as the AppError it was. Throws an
 * Error when there is no reply of this protocol (no background listening, another listener
 * answered).
 */
export function readReply(reply: unknown): unknown {
  if (!isRecord(reply) || typeof reply.ok !== 'boolean') throw new Error('Agency Desk: no answer to the request');
  if (reply.ok) return reply.value;
  const error = reply.error;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.key !== 'string')
    throw new Error('Agency Desk: a refusal without its error');
  const params = isRecord(error.params) ? (error.params as MessageParams) : {};
  const problems = Array.isArray(error.problems) ? (error.problems as FieldProblem[]) : [];
  throw new AppError(error.code as ErrorCode, error.key as MessageKey, params, problems);
}
