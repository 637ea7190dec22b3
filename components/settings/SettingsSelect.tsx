import { t } from '../../lib/i18n';

interface SettingsSelectProps {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string; lang?: string }[];
  onChange: (value: string) => void;
  onBlur?: () => void;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

/** A labelled choice with a hint and an error, announced with it, like TextField. */
export function SettingsSelect(props: SettingsSelectProps) {
  const id = `field-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
