import { afterEach, describe, expect, it } from 'vitest';
import { clientFormErrors } from '../../../entrypoints/options/components/client-form-check';
import {
  clientValues,
  emptyClientValues,
  newClientCandidate,
  toDetailsInput,
  toNewClientInput,
} from '../../../entrypoints/options/components/client-form-values';
import { industryFromText, industryText } from '../../../entrypoints/options/components/industry';
import { wholeNumberFromText } from '../../../lib/io/whole-number';
import { setLanguage } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';

afterEach(() => {
  setLanguage('en');
});

function filled(overrides: Partial<ReturnType<typeof emptyClientValues>> = {}) {
  return {
    ...emptyClientValues(),
    name: 'Acme',
    'contact.firstName': 'Ada',
    'contact.lastName': 'Lovelace',
    'contact.email': 'ada@example.com',
    quota: '500',
    ...overrides,
  };
}

describe('licence counts typed by people', () => {
  it('reads digits with separators, full-width digits and spaces; blank is missing; words are not a number', () => {
    expect(wholeNumberFromText(' 1,500 ')).toBe(1500);
    expect(wholeNumberFromText('１２０')).toBe(120);
    expect(wholeNumberFromText('2.5')).toBe(2.5);
    expect(wholeNumberFromText('  ')).toBeUndefined();
    expect(wholeNumberFromText('ten')).toBeNaN();
  });
});

describe('industry', () => {
  it('stores a preset id for a picked label in either language, free text as typed', () => {
    expect(industryFromText('Travel')).toBe('travel');
    expect(industryFromText('  software and it ')).toBe('software');
    expect(industryFromText('旅行')).toBe('travel');
    expect(industryFromText('Renewable energy ')).toBe('Renewable energy');
    expect(industryFromText('')).toBe('');
  });

  it('shows a preset in the reader language and free text unchanged', () => {
    expect(industryText('travel')).toBe('Travel');
    setLanguage('ja');
    expect(industryText('travel')).toBe('旅行');
    expect(industryText('Renewable energy')).toBe('Renewable energy');
  });
});

describe('form values', () => {
  it('become the operation input, with no address when every address field is blank', () => {
    const input = toNewClientInput(filled({ industry: 'Retail' }));
    expect(input).toMatchObject({
      name: 'Acme',
      contact: { email: 'ada@example.com' },
      industry: 'retail',
      quota: 500,
    });
    expect(input.address).toBeUndefined();
    expect(toDetailsInput(filled({ 'address.city': 'Kyoto' })).address).toMatchObject({ city: 'Kyoto' });
  });

  it('keep a blank quota missing for validation but refused by the operation', () => {
    expect(newClientCandidate(filled({ quota: '' })).quota).toBeUndefined();
    expect(toNewClientInput(filled({ quota: '' })).quota).toBeNaN();
  });

  it('come back from a stored client with a preset industry as its label', () => {
    const client = {
      orgId: 'ORG-7K2M9QXD',
      name: 'Acme',
      contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      industry: 'travel',
      address: { city: 'Kyoto' },
      quota: 800,
    } as Client;
    const values = clientValues(client);
    expect(values).toMatchObject({
      industry: 'Travel',
      'address.city': 'Kyoto',
      'address.street': '',
      quota: '800',
      company: '',
    });
    expect(toDetailsInput(values)).toMatchObject({ industry: 'travel', address: { city: 'Kyoto' } });
  });
});

describe('form problems', () => {
  it('name each missing mandatory field of a new client', () => {
    const errors = clientFormErrors('create', emptyClientValues(), 100);
    expect(errors).toMatchObject({
      name: 'Client name is required.',
      'contact.firstName': 'First name is required.',
      'contact.lastName': 'Last name is required.',
      'contact.email': 'Contact email is required.',
      quota: 'Visitor licenses is required.',
    });
    expect(errors.company).toBeUndefined();
  });

  it('refuse a bad email, a bad domain, a fractional quota and a quota the pool cannot give', () => {
    expect(clientFormErrors('create', filled({ 'contact.email': 'ada@' }), 100)['contact.email']).toBe(
      'Contact email must be an email address, such as name@example.com.',
    );
    expect(clientFormErrors('create', filled({ domain: 'not a domain' }), 100).domain).toBe(
      'Domain must be a domain name, such as example.com.',
    );
    expect(clientFormErrors('create', filled({ quota: '1.5' }), 100).quota).toBe(
      'Visitor licenses must be a whole number.',
    );
    expect(clientFormErrors('create', filled({ quota: '0' }), 100).quota).toBe('Visitor licenses must be at least 1.');
    expect(clientFormErrors('create', filled({ quota: '101' }), 100).quota).toBe(
      'This needs 101 more licenses, but only 100 are free in the pool.',
    );
    expect(clientFormErrors('create', filled({ quota: '100' }), 100)).toEqual({});
  });

  it('leave the quota out when editing an existing client', () => {
    expect(clientFormErrors('edit', filled({ quota: '' }))).toEqual({});
  });
});
