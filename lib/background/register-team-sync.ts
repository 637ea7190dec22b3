import { AppError } from '../model/errors';
import type { RequestHandlers } from '../messages/protocol-schema';
import type { BackgroundPorts } from './ports';

type TeamRequest = 'team/check' | 'team/connect' | 'team/sync' | 'team/disconnect';

/** The shared roster's sync: its alarm and the pages' team requests (docs/SYNC.md). */
export function registerTeamSync(_ports: BackgroundPorts): Pick<RequestHandlers, TeamRequest> {
  const notYet = () => Promise.reject(new AppError('unexpected', 'error_unexpected', { detail: 'NotImplemented' }));
  return { 'team/check': notYet, 'team/connect': notYet, 'team/sync': notYet, 'team/disconnect': notYet };
}
