import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { SelectField } from '../../../entrypoints/options/components/SelectField';
import { TextField } from '../../../entrypoints/options/components/TextField';
import { useFormFields } from '../../../entrypoints/options/components/useFormFields';
import { AppError } from '../../../lib/model/errors';
import { MEMBER_ROLES, type MemberInput, type MemberRole, memberInputSchema } from '../../../lib/model/org-records';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

const input = (id: string) => root().querySelector<HTMLInputElement>(`#${id}`)!;
const errorOf = (id: string) => root().querySelector(`#${id}-error`)?.textContent ?? null;
const alertText = () => root().querySelector('[role="alert"]')?.textContent ?? null;
const focused = () => document.activeElement?.id ?? null;

const REQUIRED_NAME = 'Member name is required.';
const BAD_EMAIL = 'Member email must be an email address, such as name@example.com.';
const TAKEN = 'This organization already has a member with this email address.';

/** A form as small as the dashboard's: two checked text fields and a choice. */
function MemberForm({
  save,
  quietWhenEmpty = false,
}: {
  save: (values: MemberInput) => Promise<void>;
  quietWhenEmpty?: boolean;
}) {
  const fields = useFormFields<{ name: string; email: string; role: MemberRole }>({
    scope: 'member',
    schema: memberInputSchema,
    fields: ['name', 'email'],
    initial: () => ({ name: '', email: '', role: 'user' }),
    quietWhenEmpty,
  });
  const [general, setGeneral] = useState<string | null>(null);
  async function onSubmit(event: Event) {
    event.preventDefault();
    setGeneral(null);
    if (!fields.checkAll()) return;
    try {
      await save(fields.values);
      fields.reset({ name: '', email: '', role: fields.values.role });
    } catch (failure) {
      setGeneral(fields.refuseFrom(failure));
    }
  }
  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      <TextField {...fields.text('name')} label="Name" />
      <TextField {...fields.text('email')} label="Email" />
      <SelectField
        {...fields.select('role', MEMBER_ROLES)}
        label="Role"
        options={MEMBER_ROLES.map((role) => ({ value: role, label: role }))}
      />
      {general && <p role="alert">{general}</p>}
    </form>
  );
}

async function show(save: (values: MemberInput) => Promise<void> = async () => {}, quietWhenEmpty = false) {
  await act(() => render(<MemberForm save={save} quietWhenEmpty={quietWhenEmpty} />, root()));
}

/** Fires a DOM event as the browser would after a person's action, letting the form settle. */
async function fire(target: Element, type: 'input' | 'change' | 'blur' | 'submit') {
  await act(async () => {
    target.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
  });
}

async function type(id: string, value: string) {
  input(id).value = value;
  await fire(input(id), 'input');
}

const leave = (id: string) => fire(input(id), 'blur');
const submit = () => fire(root().querySelector('form')!, 'submit');

describe('useFormFields', () => {
  it("keeps a field's problem to itself until the person leaves the field", async () => {
    await show();
    await type('field-member-email', 'not an email');
    expect(errorOf('field-member-email')).toBeNull();
    await leave('field-member-email');
    expect(errorOf('field-member-email')).toBe(BAD_EMAIL);
    expect(input('field-member-email').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('field-member-name')).toBeNull();
  });

  it('shows every problem on Save and focuses the first field in error, without saving', async () => {
    const saved: MemberInput[] = [];
    await show(async (values) => {
      saved.push(values);
    });
    await type('field-member-email', 'lena@example.test');
    await submit();
    expect(errorOf('field-member-name')).toBe(REQUIRED_NAME);
    expect(errorOf('field-member-email')).toBeNull();
    expect(focused()).toBe('field-member-name');
    expect(saved).toEqual([]);
  });

  it('saves what was typed and chosen, then empties the fields without showing problems', async () => {
    const saved: MemberInput[] = [];
    await show(async (values) => {
      saved.push(values);
    });
    await type('field-member-name', 'Lena');
    await type('field-member-email', 'lena@example.test');
    const role = root().querySelector<HTMLSelectElement>('#field-member-role')!;
    role.value = 'admin';
    await fire(role, 'change');
    await submit();
    expect(saved).toEqual([{ name: 'Lena', email: 'lena@example.test', role: 'admin' }]);
    expect(input('field-member-name').value).toBe('');
    expect(errorOf('field-member-name')).toBeNull();
  });

  it('empties after a save only the fields not typed into while the save was in progress', async () => {
    let finish = () => {};
    await show(() => new Promise<void>((done) => (finish = done)));
    await type('field-member-name', 'Lena');
    await type('field-member-email', 'lena@example.test');
    await submit();
    await type('field-member-name', 'Jonas');
    await act(async () => finish());
    expect(input('field-member-name').value).toBe('Jonas');
    expect(input('field-member-email').value).toBe('');
    expect(errorOf('field-member-name')).toBeNull();
    expect(errorOf('field-member-email')).toBeNull();
  });

  it("shows an operation's refusal on its field, focused, until that field is changed", async () => {
    await show(async () => {
      throw new AppError('conflict', 'error_memberEmailTaken', {}, [
        { field: 'email', labelKey: 'field_member_email', key: 'error_memberEmailTaken', params: {} },
      ]);
    });
    await type('field-member-name', 'Lena');
    await type('field-member-email', 'lena@example.test');
    await submit();
    expect(errorOf('field-member-email')).toBe(TAKEN);
    expect(focused()).toBe('field-member-email');
    expect(alertText()).toBeNull();
    await type('field-member-name', 'Lena Hoffmann');
    expect(errorOf('field-member-email')).toBe(TAKEN);
    await type('field-member-email', 'lena.h@example.test');
    expect(errorOf('field-member-email')).toBeNull();
  });

  it('says a failure that names no field for the whole form', async () => {
    await show(async () => {
      throw new AppError('rule', 'error_clientInactive');
    });
    await type('field-member-name', 'Lena');
    await type('field-member-email', 'lena@example.test');
    await submit();
    expect(alertText()).toBe('This client is inactive. Reactivate it first.');
    expect(errorOf('field-member-name')).toBeNull();
  });

  it('stays quiet about a field passed through empty when asked to, but not about one emptied', async () => {
    await show(undefined, true);
    await leave('field-member-name');
    expect(errorOf('field-member-name')).toBeNull();
    await type('field-member-name', 'L');
    await leave('field-member-name');
    await type('field-member-name', '');
    expect(errorOf('field-member-name')).toBe(REQUIRED_NAME);
  });
});
