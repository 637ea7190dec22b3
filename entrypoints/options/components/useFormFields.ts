import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../../lib/i18n';
import { fieldId } from './FieldFrame';
import { type FormChecks, formErrors, messagesByField } from './form';
import { type SaveMark, useFormValues } from './useFormValues';

type FieldName<V> = keyof V & string;
/** Fields typed as free text; a field narrowed to a few choices goes through `select`. */
type TextName<V> = {
  [K in FieldName<V>]: string extends V[K] ? (V[K] extends string ? K : never) : never;
}[FieldName<V>];
type ChoiceName<V> = { [K in FieldName<V>]: V[K] extends string ? K : never }[FieldName<V>];

/** Spread on a TextField. */
export interface TextBinding {
  name: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  onBlur: () => void;
}

/** Spread on a SelectField; no onBlur: a choice from the list has nothing to say until Save or a refusal. */
export interface SelectBinding {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export interface FormFieldsOptions<V> extends FormChecks<V> {
  initial: V | (() => V);
  /** The checked fields in the form's order: Save focuses the first in error, a refusal the first refused. */
  fields: readonly FieldName<V>[];
  /**
   * The controls are named `<scope>.<field>` (id `field-<scope>-<field>`), unless the form is
   * the page's only one of its scope and names them by the field alone (`agencyName`).
   */
  plainNames?: boolean;
  /** Elements to focus that are not the field's own id (a radio group's first choice). */
  focusIds?: Partial<Record<FieldName<V>, string>>;
  /** An inline add form says nothing about a field a person only passed through empty, until Save. */
  quietWhenEmpty?: boolean;
  /** Called on every change of a field: a form whose outcome speaks only of the values saved clears it. */
  onEdit?: () => void;
}

/**
 * The state and wiring of a small form: a field's problem shows once the person leaves it,
 * every problem shows on Save (focus on the first), and an operation's refusal shows on its
 * field until that field is changed.
 */
export function useFormFields<V extends object>(options: FormFieldsOptions<V>) {
  const { scope, fields } = options;
  const form = useFormValues<V>(options.initial);
  const { values } = form;
  // Where the last Save began: `reset` leaves alone what was typed after it.
  const saveMark = useRef<SaveMark>(0);
  const [left, setLeft] = useState<ReadonlySet<FieldName<V>>>(new Set());
  const [refusals, setRefusals] = useState<Partial<Record<FieldName<V>, string>>>({});
  const errors = formErrors(options, values);
  /** How many of the checked fields are in error now. */
  const problemCount = fields.filter((field) => errors[field] !== undefined).length;

  // The control's name, and from it the id TextField and SelectField give the element.
  const nameOf = (field: FieldName<V>) => (options.plainNames ? field : `${scope}.${field}`);
  const idOf = (field: FieldName<V>) => options.focusIds?.[field] ?? fieldId(nameOf(field));
  const focus = (field: FieldName<V> | undefined) => {
    if (field !== undefined) document.getElementById(idOf(field))?.focus();
  };
  const message = (field: FieldName<V>) => refusals[field] ?? (left.has(field) ? errors[field] : undefined);

  function change<K extends FieldName<V>>(field: K, value: V[K]) {
    form.change(field, value);
    setRefusals(({ [field]: _gone, ...rest }) => rest as typeof refusals);
    options.onEdit?.();
  }

  function leave(field: FieldName<V>) {
    if (options.quietWhenEmpty && values[field] === '') return;
    setLeft((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
  }

  /** Shows a message on a field as if an operation had refused it; cleared when the field changes. */
  function refuse(field: FieldName<V>, text: string) {
    setRefusals((previous) => ({ ...previous, [field]: text }));
  }

  /**
   * For Save, where the save begins: marks every field left and focuses the first in error;
   * true when there is none.
   */
  function checkAll(): boolean {
    saveMark.current = form.mark();
    setLeft(new Set(fields));
    const first = fields.find((field) => errors[field] !== undefined);
    focus(first);
    return first === undefined;
  }

  /**
   * Shows an operation's refusals on the fields they name, focusing the first; returns the
   * message for the whole form when the failure names none of them, else null. `placed` are
   * refusals the form puts on a field itself, for a failure that is about one but names none.
   */
  function refuseFrom(failure: unknown, placed: Partial<Record<FieldName<V>, string>> = {}): string | null {
    const byField: Record<string, string | undefined> = { ...messagesByField(failure), ...placed };
    const refused = fields.filter((field) => byField[field] !== undefined);
    setRefusals(Object.fromEntries(refused.map((field) => [field, byField[field]])) as typeof refusals);
    focus(refused[0]);
    return refused.length > 0 ? null : errorMessage(failure);
  }

  /**
   * After a save that keeps the form open: new values, and nothing left or refused, for
   * every field not changed since Save; a field typed into meanwhile keeps what was typed.
   */
  function reset(next: Partial<V>) {
    const changed = form.changedSince(saveMark.current);
    form.settle(next, saveMark.current);
    setLeft((previous) => new Set([...previous].filter(changed)));
    setRefusals(
      (previous) =>
        Object.fromEntries(
          Object.entries(previous).filter(([field]) => changed(field as FieldName<V>)),
        ) as typeof refusals,
    );
  }

  const text = (field: TextName<V>): TextBinding => ({
    name: nameOf(field),
    value: values[field] as string,
    error: message(field),
    onInput: (value) => change(field, value as V[typeof field]),
    onBlur: () => leave(field),
  });

  /** `choices` are the values the field's type allows; anything else from the element is ignored. */
  const select = <K extends ChoiceName<V>>(field: K, choices: readonly V[K][]): SelectBinding => ({
    name: nameOf(field),
    value: values[field] as string,
    error: message(field),
    onChange: (value) => {
      const choice = choices.find((allowed) => allowed === value);
      if (choice !== undefined) change(field, choice);
    },
  });

  return {
    values,
    errors,
    problemCount,
    message,
    change,
    leave,
    refuse,
    idOf,
    checkAll,
    refuseFrom,
    reset,
    text,
    select,
  };
}
