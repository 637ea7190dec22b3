import { useId, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n';
import type { MessageKey } from '../../../lib/model/messages';
import { clientFormChecks, type ClientFormMode } from './client-form-check';
import { type ClientField, type ClientFormValues, DETAIL_FIELDS } from './client-form-values';
import { industryOptions } from './industry';
import { Notice } from './Notice';
import { TextField } from './TextField';
import { useFormFields } from './useFormFields';
import './client-form.css';

const LABELS: Record<ClientField, MessageKey> = {
  name: 'field_client_name',
  'contact.firstName': 'field_client_contact_firstName',
  'contact.lastName': 'field_client_contact_lastName',
  'contact.email': 'field_client_contact_email',
  company: 'field_client_company',
  industry: 'field_client_industry',
  domain: 'field_client_domain',
  workspaceUrl: 'field_client_workspaceUrl',
  'address.street': 'field_client_address_street',
  'address.city': 'field_client_address_city',
  'address.region': 'field_client_address_region',
  'address.postalCode': 'field_client_address_postalCode',
  'address.country': 'field_client_address_country',
  quota: 'field_client_quota',
};

const REQUIRED = new Set<ClientField>(['name', 'contact.firstName', 'contact.lastName', 'contact.email', 'quota']);

interface ClientFormProps {
  /** A new client asks for its quota too; an existing one changes it in Reallocate visitors. */
  mode: ClientFormMode;
  initial: ClientFormValues;
  /** Free licenses in the pool, shown beside the quota. */
  free?: number | undefined;
  /** Inactive clients: everything shown, nothing editable. */
  readOnly?: boolean;
  /** Saves, or throws the operation's refusal; may hand back the values as stored. */
  onSave: (values: ClientFormValues) => Promise<ClientFormValues | void>;
  saveLabel: string;
  /** Said after a save that stays on this form. */
  savedMessage?: string;
  cancelHref?: string;
}

/**
 * The client's details, for creating and for editing. A field's problem shows once the
 * person leaves it, every problem shows on Save, and nothing typed is lost on a refusal,
 * nor by a save that ends after the person typed on.
 */
export function ClientForm(props: ClientFormProps) {
  const { mode, readOnly = false } = props;
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const industryListId = useId();
  const fields = useFormFields<ClientFormValues>({
    ...clientFormChecks(mode, props.free),
    initial: props.initial,
    fields: mode === 'create' ? [...DETAIL_FIELDS, 'quota'] : DETAIL_FIELDS,
    plainNames: true,
    // What is said near Save is about the values as they were saved.
    onEdit: () => {
      setFailure(null);
      setSaved(false);
    },
  });

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy || readOnly) return;
    setSubmitted(true);
    setFailure(null);
    setSaved(false);
    if (!fields.checkAll()) return;
    setBusy(true);
    try {
      // As stored, except the fields typed into while the save was in progress.
      fields.reset((await props.onSave(fields.values)) ?? {});
      setSubmitted(false);
      setSaved(true);
    } catch (error) {
      setFailure(fields.refuseFrom(error) ?? t('error_validation'));
    } finally {
      setBusy(false);
    }
  }

  function field(
    name: ClientField,
    extra: { type?: 'text' | 'email' | 'url'; hint?: string | undefined; list?: string } = {},
  ) {
    return (
      <TextField
        {...fields.text(name)}
        label={t(LABELS[name])}
        required={REQUIRED.has(name)}
        autoComplete="off"
        type={extra.type}
        hint={extra.hint}
        list={extra.list}
        inputMode={name === 'quota' ? 'numeric' : undefined}
      />
    );
  }

  const summary = failure ?? (submitted && fields.problemCount > 0 ? t('error_validation') : null);
  let notice: Notice | null = null;
  if (summary) notice = { text: summary, error: true };
  else if (saved && props.savedMessage) notice = { text: props.savedMessage, error: false };

  return (
    <form class="client-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <fieldset class="client-form-body" disabled={readOnly}>
        {!readOnly && <p class="muted">{t('form_requiredIntro', { mark: t('form_requiredMark') })}</p>}
        {field('name')}
        <fieldset class="client-form-group">
          <legend>{t('form_contactHeading')}</legend>
          <div class="client-form-row">
            {field('contact.firstName')}
            {field('contact.lastName')}
          </div>
          {field('contact.email', { type: 'email' })}
        </fieldset>
        <fieldset class="client-form-group">
          <legend>{t('form_companyHeading')}</legend>
          {field('company')}
          {field('industry', { hint: t('form_industryHint'), list: industryListId })}
          <datalist id={industryListId}>
            {industryOptions().map((label) => (
              <option key={label} value={label} />
            ))}
          </datalist>
          {field('domain', { hint: t('form_domainHint') })}
          {field('workspaceUrl', { type: 'url', hint: t('form_workspaceUrlHint') })}
        </fieldset>
        <fieldset class="client-form-group">
          <legend>{t('form_addressHeading')}</legend>
          {field('address.street')}
          <div class="client-form-row">
            {field('address.postalCode')}
            {field('address.city')}
          </div>
          <div class="client-form-row">
            {field('address.region')}
            {field('address.country')}
          </div>
        </fieldset>
        {mode === 'create' && (
          <fieldset class="client-form-group">
            <legend>{t('form_licensesHeading')}</legend>
            {field('quota', { hint: props.free === undefined ? undefined : t('form_quotaFree', { free: props.free }) })}
          </fieldset>
        )}
      </fieldset>
      {!readOnly && (
        <div class="client-form-actions">
          <button type="submit" disabled={busy}>
            {props.saveLabel}
          </button>
          {props.cancelHref && (
            <a class="button secondary" href={props.cancelHref}>
              {t('form_cancel')}
            </a>
          )}
          <div class="client-form-outcome">
            <Notice notice={notice} testId="form-status" alertTestId="form-alert" />
          </div>
        </div>
      )}
    </form>
  );
}
