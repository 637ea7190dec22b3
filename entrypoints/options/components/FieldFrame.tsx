import type { ComponentChildren } from 'preact';
import { t } from '../../../lib/i18n';

/** The id of a field's control, from its dotted name ("contact.email" → "field-contact-email"). */
export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-')}`;
}

/** What the control is described by: another element's id if given, then its hint and its error. */
export function fieldDescribedBy(
  id: string,
  parts: { hint?: string | undefined; error?: string | undefined; other?: string | undefined },
): string | undefined {
  const ids = [parts.other ?? '', parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  /** The control itself, with `id` and `fieldDescribedBy(id, …)` set. */
  children: ComponentChildren;
}

/**
 * The label, hint and error around a form control, shared by every kind of field. A line is
 * kept for the error while there is none, so that an error appearing as the field is left
 * does not move what follows (the form's buttons) under the pointer.
 */
export function FieldFrame({ id, label, required, hint, error, children }: FieldFrameProps) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> {t('form_requiredMark')}</span>}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <div class="field-message">
        {error && (
          <p id={`${id}-error`} class="field-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
