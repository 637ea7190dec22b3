import { AppError, isAppError } from '../model/errors';
import { z } from '../model/zod';
import { answered, refused, type Reply } from './envelope';
import { protocolSchemas, type RequestHandlers, type RequestSender, type RequestType } from './protocol-schema';

function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(protocolSchemas, type);
}

/** What a refusal of a request that is not what its type says, or of a failure, names. */
function unexpected(detail: string): AppError {
  return new AppError('unexpected', 'error_unexpected', { detail });
}

/**
 * Hands a raw runtime message to the handler of its type and resolves to the reply: the
 * handler's answer, or its refusal (an AppError; anything else it throws is refused as
 * unexpected). A payload that does not match its type is refused without calling the handler.
 * Anything that is not a request of the protocol gets undefined, leaving it to other listeners.
 */
export function dispatchRequest(
  handlers: RequestHandlers,
  raw: unknown,
  sender: RequestSender,
): Promise<Reply> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  if (!isRequestType(type)) return undefined;
  const schemas = protocolSchemas[type];
  return (async () => {
    const parsed = z.safeParse(schemas.request, payload);
    if (!parsed.success)
      return refused(new AppError('validation', 'error_unexpected', { detail: `MalformedRequest ${type}` }));
    try {
      // TypeScript cannot tie handlers[type] to the payload of that type; RequestHandlers does.
      const handler = handlers[type] as (payload: unknown, sender: RequestSender) => Promise<unknown>;
      const response = z.safeParse(schemas.response, await handler(parsed.data, sender));
      if (!response.success) throw unexpected(`MalformedResponse ${type}`);
      return answered(response.data);
    } catch (error) {
      if (isAppError(error)) return refused(error);
      console.error(`Agency Desk: request ${type}`, error);
      return refused(unexpected(error instanceof Error ? error.name : 'Error'));
    }
  })();
}
