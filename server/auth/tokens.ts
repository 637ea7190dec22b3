import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TeamRole } from '../../lib/model/team';
import type { Db } from '../db/pool';

/** A member's token: `adt_` and 256 random bits in base64url. Shown once, stored only as its hash. */
const PREFIX = 'adt_';
const TOKEN_PATTERN = /^adt_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export interface Member {
  memberId: string;
  agencyId: string;
  name: string;
  role: TeamRole;
}

/**
 * The member a `Authorization: Bearer <token>` header names, or undefined (unknown, malformed
 * or revoked: the caller cannot tell which). The database finds the row by the hash's index;
 * the hash is then compared again in constant time, so no early-exit comparison of secret
 * bytes happens in this process.
 */
export async function authenticate(db: Db, header: string | undefined): Promise<Member | undefined> {
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  if (token === undefined || !TOKEN_PATTERN.test(token)) return undefined;
  const hash = hashToken(token);
  const { rows } = await db.query<{ id: string; agency_id: string; name: string; role: TeamRole; token_hash: Buffer }>(
    'SELECT id, agency_id, name, role, token_hash FROM members WHERE token_hash = $1 AND revoked_at IS NULL',
    [hash],
  );
  const row = rows[0];
  if (!row || row.token_hash.length !== hash.length || !timingSafeEqual(row.token_hash, hash)) return undefined;
  return { memberId: row.id, agencyId: row.agency_id, name: row.name, role: row.role };
}
