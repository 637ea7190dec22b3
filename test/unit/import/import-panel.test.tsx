// The import panel's preview describes the choices on screen, even when they settle while a file is read.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImportPanel } from '../../../entrypoints/options/components/backup/ImportPanel';
import { loadSampleData } from '../../../lib/ops';
import { backupFile } from '../../../lib/ops/export';
import { DAY, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

beforeEach(resetDb);

const settle = () => act(async () => new Promise<void>((done) => setTimeout(done, 50)));

/** Lets the page work until the preview is on screen (a few seconds at most). */
async function untilPreview() {
  for (let round = 0; round < 60 && previewText() === ''; round += 1) await settle();
  await settle();
}

/** A file that takes a while to read, as a large one on a slow disk does. */
class SlowFile extends File {
  override async arrayBuffer(): Promise<ArrayBuffer> {
    await new Promise((done) => setTimeout(done, 200));
    return super.arrayBuffer();
  }
}

function choose(name: string, text: string) {
  const input = root().querySelector<HTMLInputElement>('#import-file')!;
  Object.defineProperty(input, 'files', {
    configurable: true,
    value: [new SlowFile([text], name, { type: 'application/json' })],
  });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function sampleBackup() {
  await loadSampleData({ now: T0 });
  const file = await backupFile({ now: T0 + DAY });
  await resetDb();
  return file;
}

const restoreBox = () => root().querySelector<HTMLInputElement>('.import-restore input')!;
const previewText = () => root().querySelector('[data-testid="import-preview"]')?.textContent ?? '';

describe('ImportPanel', () => {
  it('describes the restored settings when a backup is chosen before the roster has loaded', async () => {
    const file = await sampleBackup();
    // The file is chosen in the same moment the page appears, before it knows the roster is empty,
    // and the roster is known while the file is still being read.
    await act(() => {
      render(<ImportPanel />, root());
      choose(file.name, file.text);
    });
    await untilPreview();

    expect(restoreBox().checked).toBe(true);
    expect(previewText()).toContain('The agency settings will be replaced by those of the backup.');
    expect(previewText()).toContain('of the 50,000 licenses in the pool');
  });

  it('follows the checkbox: unticked, the current settings stay and the preview says so', async () => {
    const file = await sampleBackup();
    await act(() => render(<ImportPanel />, root()));
    await settle();
    await act(() => choose(file.name, file.text));
    await untilPreview();
    expect(previewText()).toContain('The agency settings will be replaced by those of the backup.');

    await act(() => restoreBox().click());
    await settle();
    expect(restoreBox().checked).toBe(false);
    expect(previewText()).not.toContain('The agency settings will be replaced');
  });
});
