import { afterPress } from './after-press';
import { FieldFrame, fieldDescribedBy, fieldId } from './FieldFrame';

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
  const id = fieldId(props.name);
  return (
    <FieldFrame id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
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
        aria-describedby={fieldDescribedBy(id, { hint: props.hint, error: props.error })}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={afterPress(props.onBlur)}
      />
    </FieldFrame>
  );
}
