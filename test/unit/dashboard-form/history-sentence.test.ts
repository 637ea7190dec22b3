import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_KEYS, historySentence } from '../../../entrypoints/options/components/overview/history-sentence';
import { actorText } from '../../../entrypoints/options/components/overview/labels';
import { setLanguage } from '../../../lib/i18n';
import { ACTIVITY_ACTIONS, type ActivityEntry } from '../../../lib/model/activity';

afterEach(() => {
  setLanguage('en');
});

// Actions are named as plain strings: the history must read well for an action the model has only just gained.
const entry = (action: string, details: ActivityEntry['details'] = {}): ActivityEntry => ({
  at: Date.UTC(2026, 10, 25, 9, 30),
  actor: { type: 'person' },
  action: action as ActivityEntry['action'],
  orgId: 'ORG-7K2M9QXD',
  details,
});

const names = (id: number) => (id === 3 ? 'Checkout button colour' : undefined);

describe('history sentences', () => {
  it('fill in the numbers of each change', () => {
    expect(historySentence(entry('quota_changed', { quotaBefore: 8000, quotaAfter: 9000 }), names)).toBe(
      'Quota changed from 8,000 to 9,000 visitor licenses.',
    );
    expect(historySentence(entry('client_created', { quota: 500 }), names)).toBe(
      'Client created with 500 visitor licenses from the pool.',
    );
    expect(
      historySentence(
        entry('client_inactivated', { licensesReturned: 1700, experimentsPaused: 1, purgeOn: '2027-02-28' }),
        names,
      ),
    ).toBe(
      'Marked inactive: unused licenses returned to the pool: 1,700; experiments paused: 1; data kept until Feb 28, 2027.',
    );
    expect(
      historySentence(entry('usage_reset', { period: '2026-12-01', usedVisitors: 5210, licensesReturned: 0 }), names),
    ).toBe(
      'A new billing period began on Dec 1, 2026: usage went from 5,210 visitors back to zero; licenses returned to the pool: 0.',
    );
    expect(historySentence(entry('member_added', { memberId: 4, role: 'admin' }), names)).toBe(
      'A member was added with the role Admin.',
    );
  });

  it('name the experiment, or its number when it is unknown', () => {
    expect(historySentence(entry('experiment_started', { experimentId: 3 }), names)).toBe(
      'Experiment “Checkout button colour” started.',
    );
    expect(historySentence(entry('experiment_paused', { experimentId: 9 }), names)).toBe('Experiment “#9” paused.');
  });

  it('have their own sentence for every change the operations of this release log', () => {
    const described = [
      'client_created',
      'client_updated',
      'quota_changed',
      'usage_recorded',
      'client_paused',
      'client_unpaused',
      'client_inactivated',
      'client_reactivated',
      'client_deleted',
      'client_purged',
      'experiment_created',
      'experiment_started',
      'experiment_paused',
      'experiment_resumed',
      'experiment_completed',
      'member_added',
      'member_removed',
      'pool_changed',
      'settings_changed',
      'usage_reset',
      'reminder_sent',
    ];
    for (const action of described) expect(HISTORY_KEYS[action], action).toBe(`history_${action}`);
    // An action added to the model later still reads as a sentence.
    expect(historySentence(entry('added_later'), names)).toBe('A change was recorded for this client.');
  });

  it('have their own sentence for revoked access, the plan, the card and the partner actions', () => {
    expect(historySentence(entry('access_revoked'), names)).toBe("The client revoked the agency's access.");
    expect(historySentence(entry('access_restored'), names)).toBe("The client granted the agency's access again.");
    expect(historySentence(entry('payment_card_changed', { tag: 'customer_card', brand: 'visa' }), names)).toBe(
      'The payment card was changed.',
    );
    expect(historySentence(entry('member_role_changed', { memberId: 2, role: 'user' }), names)).toBe(
      "A member's role was changed to User.",
    );
    setLanguage('ja');
    expect(historySentence(entry('access_revoked'), names)).not.toBe(historySentence(entry('added_later'), names));
  });

  it.each(['en', 'ja'] as const)('exist for every action, whole and with no placeholder left, in %s', (language) => {
    setLanguage(language);
    for (const action of ACTIVITY_ACTIONS) {
      const sentence = historySentence(
        entry(action, { quota: 1, quotaBefore: 1, quotaAfter: 2, experimentId: 3 }),
        names,
      );
      expect(sentence, action).not.toMatch(/\$|history_/);
      expect(sentence.length, action).toBeGreaterThan(5);
    }
  });

  it('give every action the model has its own sentence, not the general one', () => {
    const general = historySentence(entry('added_later'), names);
    for (const action of ACTIVITY_ACTIONS)
      expect(historySentence(entry(action, { kind: 'level-80' }), names), action).not.toBe(general);
  });

  it('say what a usage change did: set, corrected with its reason, filed, warned', () => {
    expect(historySentence(entry('usage_set', { before: 5100, after: 5210, period: '2026-11-01' }), names)).toBe(
      'Visitors used set from 5,100 to 5,210, in the billing period that began on Nov 1, 2026.',
    );
    expect(
      historySentence(
        entry('usage_set', { before: 5210, after: 5100, period: '2026-11-01', reason: 'Bot traffic removed' }),
        names,
      ),
    ).toBe(
      'Visitors used corrected from 5,210 to 5,100, in the billing period that began on Nov 1, 2026. Reason: Bot traffic removed',
    );
    expect(historySentence(entry('usage_filed', { before: 7900, after: 7950, period: '2026-10-01' }), names)).toBe(
      'Visitors used in the billing period that began on Oct 1, 2026 filed as 7,950 (was 7,900).',
    );
    expect(
      historySentence(
        entry('usage_warning_sent', { kind: 'level-80', level: 80, used: 6400, quota: 8000, period: '2026-11-01' }),
        names,
      ),
    ).toBe('Warning sent: 80% of the quota used (6,400 of 8,000 visitors).');
    expect(
      historySentence(
        entry('usage_warning_sent', { kind: 'run-out', runsOutOn: '2026-11-28', used: 1, quota: 2 }),
        names,
      ),
    ).toBe('Warning sent: at this rate, the quota runs out on Nov 28, 2026.');
  });

  it('say who acted: the person or the rule', () => {
    expect(actorText({ type: 'person' })).toBe('By you');
    expect(actorText({ type: 'rule', rule: 'quota' })).toBe('By the quota rule');
    setLanguage('ja');
    expect(actorText({ type: 'rule', rule: 'quota' })).toBe('クォータルールが実行');
  });
});
