import { t } from '../../../../lib/i18n';
import { workspaceUrlFor } from '../../../../lib/rules/workspace-url';

/** Stands in for a client when the roster is empty. */
export const EXAMPLE_ORG_ID = 'ORG-7K2M9QXD';

interface TemplatePreviewProps {
  /** The template as typed; the preview shows only once it passes validation. */
  template: string;
  valid: boolean;
  client?: { orgId: string; name: string } | undefined;
}

/** The workspace address the template gives for one client, updated as the template is typed. */
export function TemplatePreview({ template, valid, client }: TemplatePreviewProps) {
  const orgId = client?.orgId ?? EXAMPLE_ORG_ID;
  // The template alone, even for a client that has its own workspace URL: this previews the template.
  const result = valid && template.trim() !== '' ? workspaceUrlFor({ orgId }, template.trim()) : undefined;
  const [before, after] = (
    client
      ? t('settings_previewFor', { name: client.name, orgId, url: '\u0000' })
      : t('settings_previewExample', { orgId, url: '\u0000' })
  ).split('\u0000');
  return (
    <div class="template-preview" role="group" aria-label={t('settings_previewHeading')}>
      <p aria-live="polite" data-testid="template-preview">
        {result?.ok ? (
          <>
            {before}
            <code class="preview-url">{result.url}</code>
            {after}
          </>
        ) : (
          t('settings_previewNone')
        )}
      </p>
    </div>
  );
}
