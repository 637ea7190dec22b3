import { afterPress } from '../after-press';
import { FieldFrame, fieldDescribedBy, fieldId } from '../FieldFrame';

interface TokenFieldProps {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string | undefined;
  disabled?: boolean;
}

/**
 * A secret typed in: a password box that the browser neither fills in nor offers to remember.
 * It only ever holds what is being typed; a saved secret is never put back into it.
 */
export function TokenField(props: TokenFieldProps) {
  const id = fieldId(props.name);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(id, { hint: props.hint, error: props.error })}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={afterPress(props.onBlur)}
      />
    </FieldFrame>
  );
}
