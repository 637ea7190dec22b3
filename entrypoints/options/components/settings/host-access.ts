import type { Settings } from '../../../../lib/model/settings';
import { originPatternFor } from '../../../../lib/rules/webhook';
import { workspaceMatchPattern } from '../../../../lib/rules/workspace-bar-match';

/** The settings whose address needs host access, which Settings gives back when they go. */
export type HostAccessUser = 'reminderWebhook' | 'usageSource';

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
 * (the reminder webhook, the usage source, the workspace bar's template): giving it back with
 * one of them would silently break another on the same host (two relays on 127.0.0.1, say).
 */
export function accessStillNeeded(url: string, settings: Settings, leaving: HostAccessUser): boolean {
  const pattern = accessPatternOf(url);
  if (pattern === undefined) return false;
  const others = [
    leaving === 'reminderWebhook' ? undefined : accessPatternOf(settings.reminderWebhookUrl),
    leaving === 'usageSource' ? undefined : accessPatternOf(settings.usageSource?.url),
    workspaceMatchPattern(settings.workspaceUrlTemplate),
  ];
  return others.includes(pattern);
}
