import { afterPress } from './after-press';
import { FieldFrame, fieldDescribedBy, fieldId } from './FieldFrame';

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
  const id = fieldId(props.name);
  return (
    <FieldFrame id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(id, { hint: props.hint, error: props.error, other: props.describedBy })}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        onBlur={afterPress(props.onBlur)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
