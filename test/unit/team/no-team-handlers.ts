import type { RequestHandlers } from '../../../lib/messages/protocol-schema';

type TeamRequest = 'team/check' | 'team/connect' | 'team/sync' | 'team/disconnect';

/** Team requests for a fake worker in a test that asks none of them: each refuses if asked. */
export function noTeamHandlers(): Pick<RequestHandlers, TeamRequest> {
  const notAskedHere = () => Promise.reject(new Error('not asked here'));
  return {
    'team/check': notAskedHere,
    'team/connect': notAskedHere,
    'team/sync': notAskedHere,
    'team/disconnect': notAskedHere,
  };
}
