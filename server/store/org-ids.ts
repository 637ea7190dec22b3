/**
 * Org IDs in bulk: who holds the ones a file names, and claiming many at once. Org IDs are
 * global (org_ids holds every one ever issued, in any agency) and never reused.
 */
import type { IssuedOrgIdRecord } from '../../lib/model/backup';
import { AppError } from '../../lib/model/errors';
import { generateOrgId } from '../../lib/rules/org-id';
import type { ChangeContext } from '../changes/context';
import { inChunks } from './bulk';

/** Candidates drawn per ID needed before giving up: with 40 random bits a repeat is rare. */
const ISSUE_ROUNDS = 20;

export interface OrgIdHolders {
  /** Issued to this agency: held by its clients, or retired with them. */
  ours: Set<string>;
  /** Issued to another agency, held or retired there. */
  elsewhere: Set<string>;
}

export async function loadOrgIdHolders(ctx: ChangeContext, orgIds: readonly string[]): Promise<OrgIdHolders> {
  const { rows } = await ctx.tx.query<{ org_id: string; ours: boolean }>(
    'SELECT org_id, agency_id = $1 AS ours FROM org_ids WHERE org_id = ANY($2::text[])',
    [ctx.agencyId, orgIds],
  );
  const holders: OrgIdHolders = { ours: new Set(), elsewhere: new Set() };
  for (const row of rows) (row.ours ? holders.ours : holders.elsewhere).add(row.org_id);
  return holders;
}

/** Takes the IDs no agency has had yet; returns those it could take (the others were had already). */
async function insertOrgIds(ctx: ChangeContext, orgIds: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  await inChunks(orgIds, async (chunk) => {
    const { rows } = await ctx.tx.query<{ org_id: string }>(
      `INSERT INTO org_ids (org_id, agency_id, issued_at)
       SELECT id, $2, to_timestamp($3 / 1000.0) FROM unnest($1::text[]) AS id
       ON CONFLICT DO NOTHING RETURNING org_id`,
      [chunk, ctx.agencyId, ctx.now],
    );
    for (const row of rows) taken.add(row.org_id);
  });
  return taken;
}

/**
 * Claims every one of `orgIds` for this agency for good, or refuses (error_orgIdTaken) when any
 * agency holds or ever held one, since Org IDs are never reused; the refusal does not say which
 * agency has it.
 */
export async function claimOrgIds(ctx: ChangeContext, orgIds: readonly string[]): Promise<void> {
  const taken = await insertOrgIds(ctx, orgIds);
  const lost = orgIds.find((orgId) => !taken.has(orgId));
  if (lost !== undefined) throw new AppError('conflict', 'error_orgIdTaken', { orgId: lost });
}

/**
 * `count` new Org IDs, claimed for this agency: never issued to any agency, and none of `avoid`
 * (the IDs the import names, claimed apart). Candidates that another agency holds are drawn again.
 */
export async function issueOrgIds(ctx: ChangeContext, count: number, avoid: ReadonlySet<string>): Promise<string[]> {
  const issued: string[] = [];
  for (let drawn = 0; issued.length < count;) {
    const candidates = new Set<string>();
    while (candidates.size < count - issued.length) {
      // A broken random source must not loop for ever.
      if (drawn >= count * ISSUE_ROUNDS) throw new AppError('conflict', 'error_orgIdExhausted');
      drawn += 1;
      const candidate = generateOrgId();
      if (!avoid.has(candidate)) candidates.add(candidate);
    }
    const taken = await insertOrgIds(ctx, [...candidates]);
    issued.push(...[...candidates].filter((candidate) => taken.has(candidate)));
  }
  return issued;
}

/**
 * Records retired Org IDs that a backup carries, with the time they were issued, so that none is
 * handed out again. One another agency took meanwhile stays that agency's: it is never handed
 * out here either.
 */
export async function registerRetiredOrgIds(ctx: ChangeContext, records: readonly IssuedOrgIdRecord[]): Promise<void> {
  await inChunks(records, (chunk) =>
    ctx.tx.query(
      `INSERT INTO org_ids (org_id, agency_id, issued_at)
       SELECT r.org_id, $1, to_timestamp(r.issued_at / 1000.0)
       FROM unnest($2::text[], $3::float8[]) AS r(org_id, issued_at)
       ON CONFLICT DO NOTHING`,
      [ctx.agencyId, chunk.map((record) => record.orgId), chunk.map((record) => record.issuedAt)],
    ),
  );
}
