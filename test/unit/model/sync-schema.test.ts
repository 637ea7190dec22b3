import { describe, expect, it } from 'vitest';
import catalogue from '../../../public/_locales/en/messages.json';
import { isAppError } from '../../../lib/model/errors';
import { parseChangeArgs } from '../../../lib/model/sync-schema';
import { CHANGE_NAMES } from '../../../lib/model/team';

const BAD_ARGS: unknown[] = [
  {},
  { orgId: 'not an org id', key: '!', quota: -1, visitors: 1.5, reason: 7, role: 'king', patch: { poolSize: -1 } },
  { orgId: 'ORG-00000000', key: 'key-00000000', client: {}, details: {}, experiment: {}, member: {}, subscription: {} },
  { orgId: 'ORG-00000000', card: {}, revoke: { note: 5 }, extra: true },
];

describe('sync change args', () => {
  it.each(CHANGE_NAMES)('%s: every refused field is named by a label the dashboard has', (name) => {
    for (const args of BAD_ARGS) {
      let error: unknown;
      try {
        parseChangeArgs(name, args);
      } catch (caught) {
        error = caught;
      }
      if (name === 'roster.import' && error === undefined) continue;
      expect(isAppError(error), JSON.stringify(args)).toBe(true);
      if (!isAppError(error)) continue;
      for (const problem of error.problems) {
        expect(Object.keys(catalogue), `${name}: ${problem.field}`).toContain(problem.labelKey);
        expect(Object.keys(catalogue)).toContain(problem.key);
      }
    }
  });
});
