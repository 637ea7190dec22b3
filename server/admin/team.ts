/**
 * Creating an agency and managing its team (`npm run server -- init`, `member add|list|revoke`).
 * A member's token is made here, returned once and stored only as its hash.
 */
import { defaultSettings, type Settings } from '../../lib/model/settings';
import { settingsSchema } from '../../lib/model/settings-schema';
import type { TeamRole } from '../../lib/model/team';
import { parseOrThrow } from '../../lib/model/validate';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/pool';

export interface NewAgency {
  agencyName: string;
  poolSize: number;
  timeZone?: string;
  ownerName: string;
  ownerEmail: string;
}

export interface IssuedToken {
  agencyId: string;
  memberId: string;
  /** Shown once; the server keeps only its hash. */
  token: string;
}

export async function createAgency(db: Db, input: NewAgency): Promise<IssuedToken> {
  const { usageSource: _local, ...settings }: Settings = parseOrThrow(
    settingsSchema,
    {
      ...defaultSettings(),
      agencyName: input.agencyName,
      poolSize: input.poolSize,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    },
    'settings',
  );
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO agencies (settings, pool_size, settings_version, version) VALUES ($1, $2, 1, 1) RETURNING id',
      [settings, settings.poolSize],
    );
    const agencyId = rows[0]?.id ?? '';
    const issued = await insertMember(tx, agencyId, { name: input.ownerName, email: input.ownerEmail, role: 'owner' });
    await tx.query('COMMIT');
    return issued;
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}

export interface NewMember {
  name: string;
  email: string;
  role: TeamRole;
}

async function insertMember(db: Pick<Db, 'query'>, agencyId: string, member: NewMember): Promise<IssuedToken> {
  const token = newToken();
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO members (agency_id, name, email, role, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [agencyId, member.name, member.email, member.role, hashToken(token)],
  );
  return { agencyId, memberId: rows[0]?.id ?? '', token };
}

export async function addMember(db: Db, agencyId: string, member: NewMember): Promise<IssuedToken> {
  return insertMember(db, agencyId, member);
}

export interface TeamMemberView {
  id: string;
  name: string;
  email: string;
  role: TeamRole;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listMembers(db: Db, agencyId: string): Promise<TeamMemberView[]> {
  const { rows } = await db.query<TeamMemberView>(
    `SELECT id, name, email, role, created_at AS "createdAt", revoked_at AS "revokedAt"
     FROM members WHERE agency_id = $1 ORDER BY created_at, name`,
    [agencyId],
  );
  return rows;
}

export type RevokeOutcome = 'revoked' | 'notFound' | 'lastOwner';

/**
 * Revokes a member's token at once: `notFound` when no member of the agency still holds one,
 * `lastOwner` (nothing revoked) when it is the agency's only owner left, since nobody could then
 * change its settings or its team. Under the agency's row lock, so two owners revoking each
 * other at once cannot leave none.
 */
export async function revokeMember(db: Db, agencyId: string, memberId: string): Promise<RevokeOutcome> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    await tx.query('SELECT id FROM agencies WHERE id = $1 FOR UPDATE', [agencyId]);
    const { rows } = await tx.query<{ role: TeamRole; owners: number }>(
      `SELECT role, (SELECT count(*)::int FROM members WHERE agency_id = $1 AND role = 'owner' AND revoked_at IS NULL) AS owners
       FROM members WHERE agency_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [agencyId, memberId],
    );
    const member = rows[0];
    let outcome: RevokeOutcome = 'notFound';
    if (member?.role === 'owner' && member.owners <= 1) outcome = 'lastOwner';
    else if (member) {
      await tx.query('UPDATE members SET revoked_at = now() WHERE agency_id = $1 AND id = $2', [agencyId, memberId]);
      outcome = 'revoked';
    }
    await tx.query('COMMIT');
    return outcome;
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}
