import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReactivateDialog } from '../../../entrypoints/options/components/lifecycle/ReactivateDialog';
import { createClient, getClient, markInactive, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { waitFor } from '../wait-for';

const root = renderRootPerTest();

async function settle() {
  for (let round = 0; round < 4; round += 1) {
    await act(async () => {
      await new Promise((done) => setTimeout(done, 10));
    });
  }
}

// Every quota box reads a number as people write it; the Reactivate dialog is one of them.
describe('ReactivateDialog reads the quota as every other quota box does', () => {
  beforeEach(resetDb);

  for (const typed of ['1,000', '１０００', ' 1000 ']) {
    it(`brings the client back with 1000 licences when "${typed}" is typed`, async () => {
      // The dialog acts at the real time: the client went inactive a moment ago.
      const now = Date.now();
      await updateSettings({ poolSize: 10_000 }, { now });
      const created = await createClient(clientInput({ name: 'Acme Outdoor', quota: 2_000 }), { now });
      const inactive = await markInactive(created.orgId, { now: now + 1 });
      const notices: string[] = [];
      await act(() =>
        render(
          <ReactivateDialog client={inactive} onClose={() => undefined} onDone={(notice) => notices.push(notice)} />,
          root(),
        ),
      );
      await settle();
      const input = root().querySelector<HTMLInputElement>('input')!;
      await act(() => {
        input.value = typed;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(async () => {
        root()
          .querySelector('form')!
          .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
      await waitFor(
        () => notices.length > 0 || (root().querySelector('[id$="-error"]')?.textContent ?? '') !== '',
        'the answer to Reactivate',
      );
      expect(root().querySelector('[id$="-error"]')?.textContent ?? '').toBe('');
      const client = await getClient(created.orgId);
      expect(client?.status).toBe('active');
      expect(client?.quota).toBe(1_000);
      expect(notices).toHaveLength(1);
    });
  }
});
