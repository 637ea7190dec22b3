/**
 * Arguments of the admin commands, read with node:util's parseArgs rather than a CLI library:
 * the commands take a handful of `--name value` options each, which parseArgs (built into
 * Node 20) reads strictly (an unknown or valueless option is an error), and the help text is
 * short enough to write by hand. A library would add a dependency, and its own help and
 * error wording, for no case this CLI has.
 *
 * Every value is checked here, before any database work, with the shared schemas where the
 * extension has one (e-mail, names, pool size, time zone), so that the CLI accepts what the
 * dashboard accepts.
 */
import { parseArgs } from 'node:util';
import { emailField, licenseCount, requiredText } from '../../lib/model/fields';
import { LIMITS } from '../../lib/model/limits';
import { settingsSchema } from '../../lib/model/settings-schema';
import { TEAM_ROLES, type TeamRole } from '../../lib/model/team';
import { z } from '../../lib/model/zod';
import { UsageError } from './io';

/** The options a command takes, all `--name value`; returns the ones given. */
export function parseFlags<const N extends string>(
  args: readonly string[],
  names: readonly N[],
): Partial<Record<N, string>> {
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    // parseArgs types its values from a literal options object; these are all strings by construction.
    return values as Partial<Record<N, string>>;
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
}

/** parseArgs' own wording is long and suggests `--` tricks; say what is wrong instead. */
function parseArgsMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option ?? ''}.`.replace(' .', '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option ?? 'An option'} needs a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${/'([^']+)'/.exec(message ?? '')?.[1] ?? ''}: every value follows its --option.`;
    default:
      return message ?? String(error);
  }
}

export function required<N extends string>(values: Partial<Record<N, string>>, name: N): string {
  const value = values[name];
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

function check<T>(schema: z.ZodMiniType<T>, value: unknown, message: string): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new UsageError(message);
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An agency's or member's id as `init`, `member add` and `member list` print it. */
export function uuidArg(name: string, value: string): string {
  if (!UUID.test(value))
    throw new UsageError(`--${name} must be an id like 3f2b8c1e-5d4a-4b7e-9c21-0a6f1e2d3b4c (it is "${value}").`);
  return value.toLowerCase();
}

export function roleArg(value: string): TeamRole {
  if (!(TEAM_ROLES as readonly string[]).includes(value))
    throw new UsageError(`--role must be one of ${TEAM_ROLES.join(', ')} (it is "${value}").`);
  return value as TeamRole;
}

export function emailArg(name: string, value: string): string {
  return check(emailField, value, `--${name} must be an e-mail address, like ana@example.com (it is "${value}").`);
}

export function personNameArg(name: string, value: string): string {
  return check(requiredText(LIMITS.name), value, `--${name} must be a name of 1 to ${LIMITS.name} characters.`);
}

export function agencyNameArg(value: string): string {
  return check(
    settingsSchema.shape.agencyName,
    value,
    `--agency must be the agency's name, 1 to ${LIMITS.agencyName} characters.`,
  );
}

export function poolArg(value: string): number {
  const message = `--pool must be the number of licenses the agency bought, a whole number from 0 to ${LIMITS.licenses} (it is "${value}").`;
  if (!/^\d+$/.test(value)) throw new UsageError(message);
  return check(licenseCount(0), Number(value), message);
}

export function timeZoneArg(value: string): string {
  return check(
    settingsSchema.shape.timeZone,
    value,
    `--time-zone must be an IANA time zone such as Europe/Berlin or Asia/Tokyo (it is "${value}").`,
  );
}
