/**
 * `init` (an agency and its owner) and `member add|list|revoke`: the team is managed here, on
 * the server's machine, by whoever holds DATABASE_URL. A token is printed once, when it is
 * made; the database keeps only its hash, so no command can show it again.
 *
 * Each command reads and checks all of its arguments first and returns the work to do on the
 * database, so that a wrong argument is reported before any connection is made.
 */
import { addMember, createAgency, listMembers, revokeMember } from '../admin/team';
import type { Db } from '../db/pool';
import {
  agencyNameArg,
  emailArg,
  parseFlags,
  personNameArg,
  poolArg,
  required,
  roleArg,
  timeZoneArg,
  uuidArg,
} from './args';
import { type CliOutput, CommandFailure, line } from './io';

export type DatabaseWork = (db: Db, out: CliOutput) => Promise<void>;
export type TeamCommand = (args: readonly string[]) => DatabaseWork;

const ONCE_WARNING =
  'This token is shown only now: the server keeps only its hash and cannot show it again. Hand it to its holder ' +
  '(who signs in to the sync server with it); if it is lost, revoke it and add the member again.';

function printToken(out: CliOutput, token: string): void {
  line(out, 'Token:');
  line(out, `  ${token}`);
  line(out, ONCE_WARNING);
}

async function requireAgency(db: Db, agencyId: string): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM agencies WHERE id = $1', [agencyId]);
  if (rowCount !== 1) throw new CommandFailure(`There is no agency with the id ${agencyId}.`);
}

export const initCommand: TeamCommand = (args) => {
  const flags = parseFlags(args, ['agency', 'pool', 'owner-name', 'owner-email', 'time-zone']);
  const agencyName = agencyNameArg(required(flags, 'agency'));
  const poolSize = poolArg(required(flags, 'pool'));
  const ownerName = personNameArg('owner-name', required(flags, 'owner-name'));
  const ownerEmail = emailArg('owner-email', required(flags, 'owner-email'));
  const timeZone = flags['time-zone'] === undefined ? undefined : timeZoneArg(flags['time-zone']);
  return async (db, out) => {
    const issued = await createAgency(db, {
      agencyName,
      poolSize,
      ownerName,
      ownerEmail,
      ...(timeZone ? { timeZone } : {}),
    });
    line(out, `Agency "${agencyName}" created with a pool of ${poolSize} licenses.`);
    line(out, `  agency id: ${issued.agencyId}`);
    line(out, `  owner:     ${ownerName} (member id ${issued.memberId})`);
    printToken(out, issued.token);
  };
};

const memberAdd: TeamCommand = (args) => {
  const flags = parseFlags(args, ['agency', 'name', 'email', 'role']);
  const agencyId = uuidArg('agency', required(flags, 'agency'));
  const name = personNameArg('name', required(flags, 'name'));
  const email = emailArg('email', required(flags, 'email'));
  const role = roleArg(required(flags, 'role'));
  return async (db, out) => {
    await requireAgency(db, agencyId);
    const issued = await addMember(db, agencyId, { name, email, role });
    line(out, `Member ${name} added as ${role}.`);
    line(out, `  member id: ${issued.memberId}`);
    printToken(out, issued.token);
  };
};

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

const memberList: TeamCommand = (args) => {
  const flags = parseFlags(args, ['agency']);
  const agencyId = uuidArg('agency', required(flags, 'agency'));
  return async (db, out) => {
    await requireAgency(db, agencyId);
    // listMembers reads no token hash; only whether the token still works.
    const members = await listMembers(db, agencyId);
    const rows = members.map((member) => [
      member.id,
      member.role,
      member.revokedAt ? `revoked ${member.revokedAt.toISOString().slice(0, 10)}` : 'active',
      member.createdAt.toISOString().slice(0, 10),
      member.name,
      member.email,
    ]);
    for (const text of table([['member id', 'role', 'token', 'added', 'name', 'e-mail'], ...rows])) line(out, text);
  };
};

const memberRevoke: TeamCommand = (args) => {
  const flags = parseFlags(args, ['agency', 'member']);
  const agencyId = uuidArg('agency', required(flags, 'agency'));
  const memberId = uuidArg('member', required(flags, 'member'));
  return async (db, out) => {
    await requireAgency(db, agencyId);
    const outcome = await revokeMember(db, agencyId, memberId);
    if (outcome === 'notFound')
      throw new CommandFailure(
        `The agency has no member ${memberId} whose token still works (unknown, or revoked before).`,
      );
    if (outcome === 'lastOwner')
      throw new CommandFailure(
        `Member ${memberId} is the agency's only owner: add another owner first (member add --role owner), then revoke this one.`,
      );
    line(out, `Member ${memberId}'s token is revoked: the server refuses it from now on.`);
  };
};

export const MEMBER_SUBCOMMANDS: Record<'add' | 'list' | 'revoke', TeamCommand> = {
  add: memberAdd,
  list: memberList,
  revoke: memberRevoke,
};
export type MemberSubcommand = keyof typeof MEMBER_SUBCOMMANDS;
