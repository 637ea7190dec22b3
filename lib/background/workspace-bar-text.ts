import { resolveLocale, t } from '../i18n';
import type { WorkspaceBarText } from '../messages/protocol-schema';
import { STATUS_LABEL_KEYS } from '../model/client';
import type { Language } from '../model/settings';
import type { ManagedClient } from '../ops/managed-client-lookup';

/**
 * The bar's words for `client`, in the dashboard's language (or the browser's, for "auto"). The
 * background words them, so that the script in the workspace page carries no message catalogue.
 */
export function workspaceBarText(client: ManagedClient, language: Language, browserLanguage: string): WorkspaceBarText {
  const lang = resolveLocale(language, browserLanguage);
  return {
    lang,
    message: client.domain
      ? t('banner_managing', { name: client.name, domain: client.domain }, lang)
      : t('banner_managingNoDomain', { name: client.name }, lang),
    status: t('banner_status', { status: t(STATUS_LABEL_KEYS[client.status], {}, lang) }, lang),
    statusKind: client.status,
    close: t('banner_close', {}, lang),
    closeLabel: t('banner_closeLabel', {}, lang),
    regionLabel: t('banner_regionLabel', {}, lang),
  };
}
