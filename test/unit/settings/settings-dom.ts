import { noTeamHandlers } from '../team/no-team-handlers';
import { act } from 'preact/test-utils';
import { emptyRunSummary } from '../../../lib/background/run-lifecycle-rules';
import { registerRequests } from '../../../lib/background/register-requests';
import type { RequestHandlers } from '../../../lib/messages/protocol-schema';

/** Lets liveQuery, the permission checks and the renders they cause settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await act(async () => {
      await new Promise((done) => setTimeout(done, 10));
    });
  }
}

export function inputIn(root: HTMLElement, id: string): HTMLInputElement {
  const element = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!element) throw new Error(`No control #${id}`);
  return element;
}

export async function typeInto(root: HTMLElement, id: string, value: string): Promise<void> {
  await act(() => {
    const input = inputIn(root, id);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function leaveField(root: HTMLElement, id: string): Promise<void> {
  await act(() => {
    inputIn(root, id).dispatchEvent(new Event('blur'));
  });
}

export async function choose(root: HTMLElement, id: string, value: string): Promise<void> {
  await act(() => {
    const select = root.querySelector<HTMLSelectElement>(`#${id}`);
    if (!select) throw new Error(`No select #${id}`);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function tick(root: HTMLElement, id: string): Promise<void> {
  await act(() => {
    inputIn(root, id).click();
  });
}

/** The button whose visible text is `label`. */
export function button(root: HTMLElement, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((element) => element.textContent === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

export async function press(root: HTMLElement, label: string): Promise<void> {
  await act(() => {
    button(root, label).click();
  });
}

export function errorOf(root: HTMLElement, id: string): string | null {
  return root.querySelector(`#${id}-error`)?.textContent ?? null;
}

/** A worker answering the page's requests: these handlers, the rest answering as if there were nothing to do. */
export function fakeBackground(overrides: Partial<RequestHandlers> = {}): void {
  registerRequests({
    'rules/run': async () => emptyRunSummary(),
    'banner/lookup': async () => ({}),
    'banner/sync': async () => ({ needsAccess: false }),
    'usageFeed/read': async () => ({ read: true }),
    ...noTeamHandlers(),
    ...overrides,
  });
}
