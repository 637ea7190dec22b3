/**
 * The operations that change the roster but have no named change the sync server runs
 * (lib/model/team.ts CHANGE_NAMES), in one place: while this browser is connected to a team
 * each is refused (refuseWhileShared in team-outbox.ts), because made here alone it would
 * leave this browser's roster different from the team's, and the next resync would undo it
 * without a word. What is only this browser's own state (markOpened's last-opened time, the
 * usage source and its token, reminder and warning deliveries) is not roster data and stays
 * allowed. An operation leaves this list when the server gets a change for it.
 */
import type { MessageKey } from '../model/messages';

export const UNSHARED_OPERATIONS = {
  // partner.ts: the partner portal's actions that the extension only records or decides alone.
  changeSuperAdmin: 'team_error_notShared',
  resetMemberPassword: 'team_error_notShared',
  changeMemberProfileImage: 'team_error_notShared',
  backUpMemberAccount: 'team_error_notShared',
  setTwoFactorRequired: 'team_error_notShared',
  editOrgDashboard: 'team_error_notShared',
  joinReferralProgram: 'team_error_notShared',
  setContactsSync: 'team_error_notShared',
  // sample-data.ts: made-up clients, which the team would never want on its shared roster.
  loadSampleData: 'team_error_sampleData',
} as const satisfies Record<string, MessageKey>;

export type UnsharedOperation = keyof typeof UNSHARED_OPERATIONS;
