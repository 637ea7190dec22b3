import { useId, useState } from 'preact/hooks';
import { errorMessage, t } from '../lib/i18n';
import type { MessageKey } from '../lib/model/messages';
import { clientFormErrors, type ClientFormMode } from './client-form-check';
import { type ClientField, type ClientFormValues, DETAIL_FIELDS } from './client-form-values';
import { fieldId } from './FieldFrame';
import { messagesByField } from './form';
import { industryOptions } from './industry';
import { Notice } from './Notice';
import { TextField } from './TextField';
import { useFormValues } from './useFormValues';
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

/** The input's id for a field: the one TextField derives from its name. */
export function clientFieldId(field: ClientField): string {
  return fieldId(field);
}

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
  const form = useFormValues(props.initial);
  const { values } = form;
  const [left, setLeft] = useState<ReadonlySet<ClientField>>(new Set());
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const industryListId = useId();
  const fields: readonly ClientField[] = mode === 'create' ? [...DETAIL_FIELDS, 'quota'] : DETAIL_FIELDS;

  const errors = clientFormErrors(mode, values, props.free);
  const errorCount = fields.filter((field) => errors[field] !== undefined).length;
  const messageFor = (field: ClientField) => refusals[field] ?? (left.has(field) ? errors[field] : undefined);

  function change(field: ClientField, value: string) {
    form.change(field, value);
    setRefusals(({ [field]: _gone, ...rest }) => rest);
    setFailure(null);
    setSaved(false);
  }

  function leave(field: ClientField) {
    setLeft((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
  }

  function focusFirst(withMessage: (field: ClientField) => boolean) {
    const first = fields.find(withMessage);
    if (first) document.getElementById(clientFieldId(first))?.focus();
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy || readOnly) return;
    setLeft(new Set(fields));
    setSubmitted(true);
    setFailure(null);
    setSaved(false);
    if (errorCount > 0) {
      focusFirst((field) => errors[field] !== undefined);
      return;
    }
    setBusy(true);
    const since = form.mark();
    try {
      const stored = await props.onSave(values);
      // As stored, except the fields typed into while the save was in progress.
      const changed = form.changedSince(since);
      if (stored) form.settle(stored, since);
      setSubmitted(false);
      setLeft((previous) => new Set([...previous].filter(changed)));
      setSaved(true);
    } catch (error) {
      const byField = Object.fromEntries(
        Object.entries(messagesByField(error)).filter(([field]) => (fields as readonly string[]).includes(field)),
      );
      setRefusals(byField);
      const count = Object.keys(byField).length;
      setFailure(count > 0 ? t('error_validation', { count }) : errorMessage(error));
      if (count > 0) focusFirst((field) => byField[field] !== undefined);
    } finally {
      setBusy(false);
    }
  }

  function field(name: ClientField, extra: { type?: 'text' | 'email' | 'url'; hint?: string | undefined; list?: string } = {}) {
    return (
      <TextField
        name={name}
        label={t(LABELS[name])}
        value={values[name]}
        onInput={(value) => change(name, value)}
        onBlur={() => leave(name)}
        error={messageFor(name)}
        required={REQUIRED.has(name)}
        autoComplete="off"
        type={extra.type}
        hint={extra.hint}
        list={extra.list}
        inputMode={name === 'quota' ? 'numeric' : undefined}
      />
    );
  }

  const summary = failure ?? (submitted && errorCount > 0 ? t('error_validation', { count: errorCount }) : null);
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
