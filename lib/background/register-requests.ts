import { dispatchRequest } from '../messages/dispatch-request';
import type { RequestHandlers } from '../messages/protocol-schema';
import { onRuntimeMessage } from '../platform/messaging';

/**
 * Answers the pages' and scripts' requests (lib/messages/protocol-schema.ts) through one
 * listener, with one handler per request type; called synchronously when the worker starts,
 * so that the request that woke it is heard.
 */
export function registerRequests(handlers: RequestHandlers): void {
  onRuntimeMessage((message, senderUrl) => dispatchRequest(handlers, message, { url: senderUrl }));
}
