import type { MemberRole } from './org-records';

/**
 * Who acts on a client's organization: the agency, as the client's partner admin, or one of
 * the client's own roles. Everything the extension does, it does as the partner; the client's
 * roles are here so that the model can say what each may do (lib/rules/partner-permissions.ts).
 */
export type OrgActor = 'partner' | MemberRole;

export const PARTNER: OrgActor = 'partner';
