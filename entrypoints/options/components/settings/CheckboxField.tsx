import { fieldId } from '../FieldFrame';

interface CheckboxFieldProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  disabled?: boolean;
}

/** A choice that is on or off, its label beside the box and its hint announced with it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = fieldId(props.name);
  return (
    <div class="field field-checkbox">
      <label for={id}>
        <input
          id={id}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        {props.label}
      </label>
      {props.hint && (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
