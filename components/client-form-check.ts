import { t } from '../lib/i18n';
import { clientDetailsSchema, newClientSchema } from '../lib/model/client-schema';
import { checkPoolHas } from '../lib/rules/quota';
import { type ClientFormValues, newClientCandidate, toDetailsInput } from './client-form-values';
import { validateForm } from './form';
import { wholeNumberFromText } from '../lib/io/whole-number';

export type ClientFormMode = 'create' | 'edit';

/**
 * Every problem of the form, by dotted field: the schema's checks, and for a new client a
 * quota that the free pool cannot give (the operation refuses the same, this says it sooner).
 */
export function clientFormErrors(mode: ClientFormMode, values: ClientFormValues, free?: number): Record<string, string> {
  if (mode === 'edit') return validateForm(clientDetailsSchema, toDetailsInput(values), 'client');
  const errors = validateForm(newClientSchema, newClientCandidate(values), 'client');
  const quota = wholeNumberFromText(values.quota);
  if (errors.quota === undefined && quota !== undefined && free !== undefined) {
    const room = checkPoolHas(quota, free);
    if (!room.ok) errors.quota = t(room.key, room.params);
  }
  return errors;
}
