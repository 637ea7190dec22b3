/**
 * Which saved settings need host access to which origin: the reminder webhook, the usage
 * source, the workspace bar's template and the team's sync server may share one (two relays on
 * 127.0.0.1, say), and access given back with one of them would silently break another. Used by
 * Settings and by the background when the bar's template moves.
 */
import type { Settings } from '../model/settings';
import { originPatternFor } from './webhook';
import { workspaceMatchPattern } from './workspace-bar-match';

/** The settings whose address needs host access, which is given back when they go. */
export type HostAccessUser = 'reminderWebhook' | 'usageSource' | 'workspaceTemplate' | 'teamServer';

/** The match pattern of the host access an address needs, or undefined when it is not one. */
export function accessPatternOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return originPatternFor(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether the host access that `url` needs is needed by another saved setting than `leaving`
 * (the reminder webhook, the usage source, the workspace bar's template, the team's server at
 * `teamServerUrl` while connected): giving it back with one of them would silently break
 * another on the same host (two relays on 127.0.0.1, say).
 */
export function accessStillNeeded(
  url: string,
  settings: Settings,
  leaving: HostAccessUser,
  teamServerUrl?: string,
): boolean {
  return patternStillNeeded(accessPatternOf(url), settings, leaving, teamServerUrl);
}

/** The same, for a match pattern already known (the bar's registration is kept as one). */
export function patternStillNeeded(
  pattern: string | undefined,
  settings: Settings,
  leaving: HostAccessUser,
  teamServerUrl?: string,
): boolean {
  if (pattern === undefined) return false;
  const others = [
    leaving === 'reminderWebhook' ? undefined : accessPatternOf(settings.reminderWebhookUrl),
    leaving === 'usageSource' ? undefined : accessPatternOf(settings.usageSource?.url),
    leaving === 'workspaceTemplate' ? undefined : workspaceMatchPattern(settings.workspaceUrlTemplate),
    leaving === 'teamServer' ? undefined : accessPatternOf(teamServerUrl),
  ];
  return others.includes(pattern);
}
