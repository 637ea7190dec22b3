import { t } from '../../../lib/i18n';
import { clientDetailsSchema, newClientSchema } from '../../../lib/model/client-schema';
import { checkPoolHas } from '../../../lib/rules/quota';
import { type ClientFormValues, newClientCandidate, toDetailsInput } from './client-form-values';
import { type FormChecks, formErrors } from './form';
import { wholeNumberFromText } from '../../../lib/io/whole-number';

export type ClientFormMode = 'create' | 'edit';

/**
 * How the client form is checked: the schema's checks, and for a new client a quota that the
 * free pool cannot give (the operation refuses the same, this says it sooner).
 */
export function clientFormChecks(mode: ClientFormMode, free?: number): FormChecks<ClientFormValues> {
  if (mode === 'edit') return { scope: 'client', schema: clientDetailsSchema, toInput: toDetailsInput };
  return {
    scope: 'client',
    schema: newClientSchema,
    toInput: newClientCandidate,
    check: (values, errors) => {
      const quota = wholeNumberFromText(values.quota);
      if (errors.quota !== undefined || quota === undefined || free === undefined) return {};
      const room = checkPoolHas(quota, free);
      return { quota: room.ok ? undefined : t(room.key, room.params) };
    },
  };
}

/** Every problem of the form, by dotted field. */
export function clientFormErrors(
  mode: ClientFormMode,
  values: ClientFormValues,
  free?: number,
): Record<string, string> {
  return formErrors(clientFormChecks(mode, free), values);
}
