/** The operations: every write to the roster goes through one of these. */
export { createClient, getClient, updateClient } from './clients';
export type { CreateOptions } from './clients';
export { countRoster, listClientPage, readClientPage } from './client-list';
export type { AccessFilter, ClientSort, RosterListOptions, RosterPage } from './client-list';
export type { OpContext } from './context';
export { onDataChanged } from './events';
export type { DataChange } from './events';
export { completeExperiment, createExperiment, listExperiments, pauseExperiment, startExperiment } from './experiments';
export { deleteClient, markInactive, reactivate } from './lifecycle';
export { addMember, listMembers, removeMember } from './members';
export { reallocateQuota } from './quota';
export { recordUsage, setVisitorsUsed } from './usage';
export type { SetUsageOptions } from './usage';
export { getUsageSourceView, removeUsageSource, saveUsageSource } from './usage-source';
export type { UsageSource, UsageSourceInput, UsageSourceView } from './usage-source';
export { getUsageOverview, listUsageSamples } from './usage-samples';
export type { UsageOverview } from './usage-samples';
export { listUsageAlertDeliveries } from './usage-alerts';
export { listActivity, listUsageReports, poolLedger } from './reads';
export { updateSettings } from './settings';
export { getPoolSummary, getSettings } from './settings-reads';
export { loadSampleData } from './sample-data';
export { listSwitcherEntries, listSwitcherFirstRows, markOpened } from './switcher';
export type { SwitcherEntry } from './switcher';
export {
  backUpMemberAccount,
  changeMemberProfileImage,
  changeMemberRole,
  changeSuperAdmin,
  editOrgDashboard,
  resetMemberPassword,
  setContactsSync,
  setTwoFactorRequired,
  joinReferralProgram,
} from './partner';
export { listRevokedClients, recordRevokedAccess, restoreAccess } from './revoked';
export { changeCard, setSubscription } from './subscription';
export { lookUpManagedClient } from './managed-client-lookup';
