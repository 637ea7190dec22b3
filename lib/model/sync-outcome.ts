import type { ErrorCode, FieldProblem } from './errors';
import type { ImportProblem } from './import';
import type { MessageKey, MessageParams } from './messages';

/**
 * The server's answer to one change. `refused` carries the message key and parameters the
 * extension shows for the same refusal; `retry` means the server could not decide (it failed,
 * or an earlier change of the same push did) and the browser should send it again later.
 */
export type ChangeOutcome =
  | { status: 'accepted'; version: number }
  | {
      status: 'refused';
      code: ErrorCode;
      key: MessageKey;
      params: MessageParams;
      problems?: readonly FieldProblem[];
      /** An import refused for its file's problems (import_refused): each located as the preview lists it. */
      importProblems?: readonly ImportProblem[];
    }
  | { status: 'retry'; key: MessageKey };

export type ChangeResult = ChangeOutcome & { id: string; repeated?: true };
