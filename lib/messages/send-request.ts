import { sendRuntimeMessage } from '../platform/messaging';
import { readReply, type RequestMessage } from './envelope';
import type { PayloadOf, RequestType, ResponseTo } from './protocol-schema';

/** A request type whose payload may be left out takes it as an optional argument. */
type PayloadArgs<T extends RequestType> =
  undefined extends PayloadOf<T> ? [payload?: PayloadOf<T>] : [payload: PayloadOf<T>];

/**
 * Sends a request of the protocol (lib/messages/protocol-schema.ts) to the background worker
 * and resolves to its answer. A refusal rejects with the AppError the background threw (its
 * key, parameters and problems); no answer at all (the worker unreachable, e.g. during an
 * update) rejects with an Error. The background validated the request and its answer, so
 * nothing is parsed here, and a page that sends loads no zod.
 */
export async function sendRequest<T extends RequestType>(
  type: T,
  ...[payload]: PayloadArgs<T>
): Promise<ResponseTo<T>> {
  const message: RequestMessage = payload === undefined ? { type } : { type, payload };
  return readReply(await sendRuntimeMessage(message)) as ResponseTo<T>;
}
