import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ClientForm } from '../../../entrypoints/options/components/ClientForm';
import { emptyClientValues } from '../../../entrypoints/options/components/client-form-values';
import { AppError } from '../../../lib/model/errors';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

const input = (id: string) => root().querySelector<HTMLInputElement>(`#${id}`)!;
const errorOf = (id: string) => root().querySelector(`#${id}-error`)?.textContent ?? null;
const alertText = () => root().querySelector('[role="alert"]')?.textContent ?? null;

async function type(id: string, value: string) {
  await act(() => {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function leave(id: string) {
  await act(() => {
    input(id).dispatchEvent(new Event('blur'));
  });
}

async function save() {
  await act(async () => {
    root()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

type Values = ReturnType<typeof emptyClientValues>;

async function renderForm(onSave: (values: Values) => Promise<Values | void>, free = 100) {
  await act(() => {
    render(
      <ClientForm mode="create" initial={emptyClientValues()} free={free} onSave={onSave} saveLabel="Save" />,
      root(),
    );
  });
}

async function fillValid() {
  await type('field-name', 'Acme');
  await type('field-contact-firstName', 'Ada');
  await type('field-contact-lastName', 'Lovelace');
  await type('field-contact-email', 'ada@example.com');
  await type('field-quota', '50');
}

describe('the client form', () => {
  it('shows a field problem once the person leaves the field, and only for that field', async () => {
    await renderForm(async () => {});
    expect(root().textContent).toContain('100 licenses free in the pool.');
    await leave('field-name');
    expect(errorOf('field-name')).toBe('Client name is required.');
    expect(input('field-name').getAttribute('aria-invalid')).toBe('true');
    expect(input('field-name').getAttribute('aria-describedby')).toBe('field-name-error');
    expect(errorOf('field-contact-email')).toBeNull();

    await type('field-contact-email', 'ada@');
    await leave('field-contact-email');
    expect(errorOf('field-contact-email')).toBe('Contact email must be an email address, such as name@example.com.');
    await type('field-contact-email', 'ada@example.com');
    expect(errorOf('field-contact-email')).toBeNull();
  });

  it('on Save shows every problem, focuses the first, saves nothing and keeps what was typed', async () => {
    const onSave = vi.fn(async () => {});
    await renderForm(onSave);
    await type('field-contact-lastName', 'Lovelace');
    await type('field-quota', '500');
    await save();
    expect(onSave).not.toHaveBeenCalled();
    expect(errorOf('field-name')).toBe('Client name is required.');
    expect(errorOf('field-contact-firstName')).toBe('First name is required.');
    expect(errorOf('field-quota')).toBe('This needs 500 more licenses, but only 100 are free in the pool.');
    expect(alertText()).toBe('Some fields need attention. See the message next to each one.');
    expect(document.activeElement).toBe(input('field-name'));
    expect(input('field-contact-lastName').value).toBe('Lovelace');
  });

  it('shows the values as stored after a save, except a field typed into while the save was in progress', async () => {
    let finish = () => {};
    // Stored as the rules keep it: the email in lower case, the name as given.
    const onSave = vi.fn(
      (values: Values) =>
        new Promise<Values>(
          (done) => (finish = () => done({ ...values, 'contact.email': values['contact.email'].toLowerCase() })),
        ),
    );
    await renderForm(onSave);
    await fillValid();
    await type('field-contact-email', 'Ada@Example.com');
    await save();
    expect(onSave).toHaveBeenCalledTimes(1);
    await type('field-name', 'Acme Labs');
    await act(async () => finish());
    expect(input('field-name').value).toBe('Acme Labs');
    expect(input('field-contact-email').value).toBe('ada@example.com');
  });

  it('puts an operation refusal next to its field, and any other refusal near Save', async () => {
    const onSave = vi
      .fn<(values: ReturnType<typeof emptyClientValues>) => Promise<void>>()
      .mockRejectedValueOnce(
        new AppError('rule', 'error_quotaExceedsFree', { needed: 50, free: 10 }, [
          {
            field: 'quota',
            labelKey: 'field_client_quota',
            key: 'error_quotaExceedsFree',
            params: { needed: 50, free: 10 },
          },
        ]),
      )
      .mockRejectedValueOnce(new AppError('conflict', 'error_orgIdExhausted'));
    await renderForm(onSave);
    await fillValid();
    await save();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(errorOf('field-quota')).toBe('This needs 50 more licenses, but only 10 are free in the pool.');
    expect(document.activeElement).toBe(input('field-quota'));

    await type('field-quota', '5');
    expect(errorOf('field-quota')).toBeNull();
    await save();
    expect(alertText()).toBe('A unique Org ID could not be generated. Nothing was saved; please try again.');
    expect(input('field-name').value).toBe('Acme');
  });

  it('hands the typed values to onSave when everything is valid', async () => {
    const onSave = vi.fn(async () => {});
    await renderForm(onSave);
    await fillValid();
    await save();
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Acme', quota: '50', 'contact.email': 'ada@example.com' }),
    );
    expect(alertText()).toBeNull();
  });
});
