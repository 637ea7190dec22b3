/**
 * Keeps the "currently managing" bar registered for the origin of the agency's workspace URL
 * template, and only while the agency has granted access to it; answers the bar's question of
 * which client a page belongs to.
 */
import { loadLocale, resolveLocale } from '../i18n';
import type { RequestHandlers, ResponseTo } from '../messages/protocol-schema';
import { getSettings } from '../ops';
import { lookUpManagedClient, workspaceBarPattern } from '../ops/managed-client-lookup';
import { getTeamStatus } from '../ops/team-status';
import {
  type WorkspaceBarRegistry,
  browserWorkspaceBarRegistry,
  onHostAccessChanged,
} from '../platform/workspace-bar-registry';
import { patternStillNeeded } from '../rules/host-access';
import { workspaceBarText } from './workspace-bar-text';
import { serialRunner } from './serial-runner';

/**
 * Brings the registration in step with the settings and the granted access: registers the
 * bar for the template's origin, moves it when the template moved (giving back the old
 * origin's access, unless the webhook or the usage source uses it), drops it when the template or the access went.
 * Idempotent: run at every worker start, on access changes, and when Settings asks.
 */
export async function syncWorkspaceBar(
  registry: WorkspaceBarRegistry = browserWorkspaceBarRegistry,
): Promise<ResponseTo<'banner/sync'>> {
  const wanted = await workspaceBarPattern();
  const granted = wanted !== undefined && (await registry.hasAccess(wanted));
  const target = granted ? wanted : undefined;
  const current = await registry.registeredPattern();
  if (current !== target) {
    if (current !== undefined) await registry.unregister();
    if (target !== undefined) await registry.register(target);
    // Giving back access is tidying up: failing at it must not undo the registration above.
    if (
      current !== undefined &&
      current !== wanted &&
      !patternStillNeeded(
        current,
        await getSettings(),
        'workspaceTemplate',
        (await getTeamStatus())?.connection.serverUrl,
      )
    )
      await registry.removeAccess(current).catch(report);
  }
  return { ...(target !== undefined && { registeredFor: target }), needsAccess: wanted !== undefined && !granted };
}

/** The bar's words for the page at `senderUrl`, or none when it is no managed client's workspace. */
export async function lookUpWorkspaceBar(
  senderUrl: string | undefined,
  browserLanguage: string,
): Promise<ResponseTo<'banner/lookup'>> {
  if (senderUrl === undefined) return {};
  const { client, language } = await lookUpManagedClient(senderUrl);
  if (!client) return {};
  await loadLocale(resolveLocale(language, browserLanguage));
  return { banner: workspaceBarText(client, language, browserLanguage) };
}

function report(error: unknown): void {
  console.error('Agency Desk: workspace banner', error);
}

/**
 * Registers the bar's listeners; called synchronously when the worker starts. Returns the
 * handlers of the bar's requests, for the worker's one request listener.
 */
export function registerWorkspaceBar(
  registry: WorkspaceBarRegistry = browserWorkspaceBarRegistry,
): Pick<RequestHandlers, 'banner/lookup' | 'banner/sync'> {
  const sync = serialRunner(() => syncWorkspaceBar(registry));
  onHostAccessChanged(() => void sync().catch(report));
  // Registered scripts persist across browser sessions in Chromium, but not everywhere, and the
  // template may have changed while the worker slept: check at every start.
  sync().catch(report);
  return {
    'banner/lookup': (_payload, sender) => lookUpWorkspaceBar(sender.url, navigator.language),
    'banner/sync': () => sync(),
  };
}
