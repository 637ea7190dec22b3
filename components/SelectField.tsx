import { t } from '../lib/i18n';

interface SelectFieldProps {
  /** Dotted field path; also gives the element its id, as TextField does. */
  name: string;
  label: string;
  value: string;
  /** `lang` marks an option written in another language (a language picker's "日本語"). */
  options: readonly { value: string; label: string; lang?: string }[];
  onChange: (value: string) => void;
  onBlur?: () => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** Id of an element elsewhere that says more about the choice (e.g. why some options are missing). */
  describedBy?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

/** A labelled choice whose hint and error sit next to it and are announced with it, as TextField's are. */
export function SelectField(props: SelectFieldProps) {
  const id = `field-${props.name.replaceAll('.', '-')}`;
  const describedBy = [props.describedBy ?? '', props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span class="required"> {t('form_requiredMark')}</span>}
      </label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        onBlur={props.onBlur}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
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
