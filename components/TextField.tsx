import { t } from '../lib/i18n';

interface TextFieldProps {
  /** Dotted field path, e.g. "contact.email"; also names the input for tests and autofill. */
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  type?: 'text' | 'email' | 'number' | 'url';
  inputMode?: 'numeric' | 'email' | 'url' | 'text';
  autoComplete?: string;
  list?: string;
  disabled?: boolean;
}

/** A labelled input whose error sits next to it and is announced with it. */
export function TextField(props: TextFieldProps) {
  const id = `field-${props.name.replaceAll('.', '-')}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span class="required"> {t('form_requiredMark')}</span>}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        list={props.list}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={props.onBlur}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
