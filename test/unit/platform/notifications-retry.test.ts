// Chromium sometimes refuses a notification once with "Unable to download all specified
// images." although its icon is the package's own file (seen in a CI run: one reminder of 300,
// the first a freshly started worker showed, missing from the notification centre). The same
// call a moment later succeeds, so a reminder must not be lost to that one refusal.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showNotification, shownNotificationIds } from '../../../lib/platform/notifications';

const ID = 'reminder:ORG-00000401:2026-12-22:30';
const CONTENT = { title: 'Client 401 will be deleted', message: 'Reactivate it before then.', buttons: [] };

describe('showing a notification', () => {
  it('shows it when the browser refuses the first try', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValueOnce(
      new Error('Unable to download all specified images.'),
    );
    await showNotification(ID, CONTENT);
    expect(await shownNotificationIds()).toContain(ID);
  });

  it('fails when the browser refuses twice in a row', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create')
      .mockRejectedValueOnce(new Error('Unable to download all specified images.'))
      .mockRejectedValueOnce(new Error('Unable to download all specified images.'));
    await expect(showNotification(`${ID}:again`, CONTENT)).rejects.toThrow('Unable to download');
  });
});
