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
  /** 'password' for a secret typed in (a token): the browser neither fills it in nor spell-checks it. */
  type?: 'text' | 'email' | 'number' | 'url' | 'password';
  inputMode?: 'numeric' | 'email' | 'url' | 'text';
  autoComplete?: string;
  list?: string;
  placeholder?: string | undefined;
  disabled?: boolean;
}

/** A labelled input whose error sits next to it and is announced with it. */
export function TextField(props: TextFieldProps) {
  const id = fieldId(props.name);
  // Preact's typings tie each input type to the attributes it allows and cannot follow a union
  // of types; every type here takes every attribute below (a password box ignores `list`).
  const type = (props.type ?? 'text') as 'text';
  return (
    <FieldFrame id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type={type}
        value={props.value}
        placeholder={props.placeholder}
        required={props.required}
        disabled={props.disabled}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? (props.type === 'password' ? 'off' : undefined)}
        list={props.list}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(id, { hint: props.hint, error: props.error })}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={afterPress(props.onBlur)}
      />
    </FieldFrame>
  );
}
