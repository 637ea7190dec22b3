import type { Client, ClientDetailsInput, NewClientInput } from '../../../lib/model/client';
import { industryFromText, industryText } from './industry';
import { wholeNumberFromText } from '../../../lib/io/whole-number';

/** The form's fields, named by the dotted paths that validation problems use. */
export const DETAIL_FIELDS = [
  'name',
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'company',
  'industry',
  'domain',
  'workspaceUrl',
  'address.street',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type ClientField = DetailField | 'quota';

/** What the inputs hold: text, exactly as typed, so that nothing typed is lost on a refusal. */
export type ClientFormValues = Record<ClientField, string>;

export function emptyClientValues(): ClientFormValues {
  const values = Object.fromEntries(DETAIL_FIELDS.map((field) => [field, ''])) as Record<DetailField, string>;
  return { ...values, quota: '' };
}

export function clientValues(client: Client): ClientFormValues {
  return {
    name: client.name,
    'contact.firstName': client.contact.firstName,
    'contact.lastName': client.contact.lastName,
    'contact.email': client.contact.email,
    company: client.company ?? '',
    industry: industryText(client.industry),
    domain: client.domain ?? '',
    workspaceUrl: client.workspaceUrl ?? '',
    'address.street': client.address?.street ?? '',
    'address.city': client.address?.city ?? '',
    'address.region': client.address?.region ?? '',
    'address.postalCode': client.address?.postalCode ?? '',
    'address.country': client.address?.country ?? '',
    quota: String(client.quota),
  };
}

/** The client's details as the operations take them; an address left wholly blank is no address. */
export function toDetailsInput(values: ClientFormValues): ClientDetailsInput {
  const address = {
    street: values['address.street'],
    city: values['address.city'],
    region: values['address.region'],
    postalCode: values['address.postalCode'],
    country: values['address.country'],
  };
  const hasAddress = Object.values(address).some((part) => part.trim() !== '');
  return {
    name: values.name,
    contact: {
      firstName: values['contact.firstName'],
      lastName: values['contact.lastName'],
      email: values['contact.email'],
    },
    company: values.company,
    industry: industryFromText(values.industry),
    domain: values.domain,
    workspaceUrl: values.workspaceUrl,
    address: hasAddress ? address : undefined,
  };
}

/** What validation checks for a new client: a blank quota stays missing, so it reads "required". */
export function newClientCandidate(
  values: ClientFormValues,
): Omit<NewClientInput, 'quota'> & { quota: number | undefined } {
  return { ...toDetailsInput(values), quota: wholeNumberFromText(values.quota) };
}

/** A new client for createClient, which validates again: a blank quota becomes NaN and is refused. */
export function toNewClientInput(values: ClientFormValues): NewClientInput {
  return { ...toDetailsInput(values), quota: wholeNumberFromText(values.quota) ?? Number.NaN };
}
