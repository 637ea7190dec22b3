import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { TextField } from '../../../entrypoints/options/components/TextField';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

/** A field that says it is required once left, as the forms' fields do. */
function RequiredField() {
  const [left, setLeft] = useState(false);
  return (
    <TextField
      name="probe"
      label="Probe"
      value=""
      onInput={() => {}}
      onBlur={() => setLeft(true)}
      error={left ? 'Probe is required.' : undefined}
    />
  );
}

const errorText = () => root().querySelector('#field-probe-error')?.textContent ?? null;
const pointer = (type: 'pointerdown' | 'pointerup') =>
  window.dispatchEvent(new PointerEvent(type, { isPrimary: true, bubbles: true }));
const blur = () => root().querySelector('input')!.dispatchEvent(new Event('blur'));
/** Lets the tasks after a release run, as the browser does once the click is dispatched. */
const nextTask = () => new Promise((done) => setTimeout(done, 0));

describe("a field's blur during a pointer press", () => {
  it('runs once the press is over, so the layout holds still under the pointer until the click', async () => {
    await act(() => render(<RequiredField />, root()));
    await act(async () => {
      pointer('pointerdown');
      blur();
    });
    expect(errorText()).toBeNull();
    await act(async () => {
      pointer('pointerup');
      await nextTask();
    });
    expect(errorText()).toBe('Probe is required.');
  });

  it('runs at once when the field is left by the keyboard', async () => {
    await act(() => render(<RequiredField />, root()));
    await act(async () => {
      blur();
    });
    expect(errorText()).toBe('Probe is required.');
  });

  it('runs on the next key when the page never hears the release', async () => {
    await act(() => render(<RequiredField />, root()));
    await act(async () => {
      pointer('pointerdown');
      blur();
    });
    expect(errorText()).toBeNull();
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    });
    expect(errorText()).toBe('Probe is required.');
  });
});
