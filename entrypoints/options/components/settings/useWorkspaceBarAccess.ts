import { useState } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import { sendRequest } from '../../../../lib/messages/send-request';
import { hasWorkspaceAccess, requestWorkspaceAccess } from '../../../../lib/platform/workspace-bar-registry';
import { workspaceHostLabel } from '../../../../lib/rules/workspace-bar-match';
import { usePermissionCheck } from '../usePermissionCheck';

/** A request for host access in progress: for which host, and the person's answer to come. */
export interface AccessRequest {
  host: string;
  /** May stay pending for as long as the prompt is open: nothing the person waits for waits on it. */
  answer: Promise<boolean>;
}

export interface WorkspaceBarAccess {
  /**
   * Asks for access to the host of `template` when it is new or not granted yet. Browsers
   * show the prompt only during the click: call this from the Save handler before any await.
   */
  ask(template: string | undefined): AccessRequest | undefined;
  /** Once the settings are saved: brings the bar's registration in step, and again once the prompt is answered. */
  afterSave(request: AccessRequest | undefined): Promise<void>;
  /** Where the bar stands, as a sentence; undefined when there is nothing to say. */
  text: string | undefined;
}

function syncBar(): Promise<unknown> {
  return sendRequest('banner/sync').catch(() => undefined);
}

/**
 * The host access behind the "currently managing" bar, for the Settings page: whether the
 * saved template's host is granted, asking for it from Save, and saying what came of it.
 */
export function useWorkspaceBarAccess(savedTemplate: string | undefined): WorkspaceBarAccess {
  const [grantedHost, setGrantedHost] = useState<string | undefined>(undefined);
  const granted = usePermissionCheck(() => hasWorkspaceAccess(savedTemplate), [savedTemplate]);
  const host = workspaceHostLabel(savedTemplate);

  let text: string | undefined;
  if (host !== undefined && granted === false) text = t('banner_accessNeeded', { host });
  else if (host !== undefined && granted === true && grantedHost === host) text = t('banner_accessGranted', { host });

  return {
    ask(template) {
      const wanted = workspaceHostLabel(template);
      if (template === undefined || wanted === undefined) return undefined;
      if (wanted === host && granted === true) return undefined;
      return { host: wanted, answer: requestWorkspaceAccess(template).catch(() => false) };
    },
    async afterSave(request) {
      // The registration follows the saved template at once: a template that moved or went
      // away drops it, one whose host is already granted gets it. Without an answer, the
      // background brings it in step at its next start or access change.
      await syncBar();
      if (request === undefined) return;
      const answer = await request.answer;
      await syncBar();
      setGrantedHost(answer ? request.host : undefined);
    },
    text,
  };
}
