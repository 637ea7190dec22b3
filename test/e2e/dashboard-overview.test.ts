// The client overview in a real Chromium with the built extension: contact details, quota
// reallocation with the pool before and after, experiments, members and history, on the
// sample agency (Acme Outdoor runs experiments; さくら旅行 is paused at its quota).

import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { focused, focusedLabel, focusInDialog, holdClientsStore, openOverview } from './dashboard-form-helpers';
import { dashboardWithSample } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Page> {
  harness = await launchExtension();
  return dashboardWithSample(harness, '#/clients');
}

const historyLines = (page: Page) => page.getByTestId('history').locator('li').allTextContents();
const experimentStatus = (page: Page, name: string) =>
  page
    .getByTestId('experiments')
    .getByRole('row', { name: new RegExp(`^${name}`) })
    .locator('td')
    .first()
    .textContent();

async function adjustQuota(page: Page, value: string) {
  await page.getByLabel('Adjust quota').fill(value);
}

describe('client overview', () => {
  it('edits the contact details, with errors as fields are left, and keeps them', async () => {
    const page = await start();
    await openOverview(page, 'Initech Software');
    expect(await page.getByTestId('org-id').textContent()).toMatch(/^Org ID: ORG-/);
    expect(await axeViolations(page)).toEqual([]);

    const email = page.getByLabel('Contact email');
    await page.getByLabel('First name').fill('Peter');
    await email.fill('peter@');
    await email.blur();
    await expect
      .poll(() => page.locator('#field-contact-email-error').textContent())
      .toBe('Contact email must be an email address, such as name@example.com.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('form-alert').textContent())
      .toBe('Some fields need attention. See the message next to each one.');

    await email.fill('peter@initech.test');
    await page.getByLabel('Industry').fill('Consulting');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('form-status').textContent()).toBe('Contact details saved.');
    await expect.poll(async () => (await historyLines(page))[0]).toMatch(/^Client details updated\.By you · /);

    await page.reload();
    await expect.poll(() => page.getByLabel('First name').inputValue()).toBe('Peter');
    expect(await page.getByLabel('Contact email').inputValue()).toBe('peter@initech.test');
    expect(await page.getByLabel('Industry').inputValue()).toBe('Consulting');
    expect(harness!.problems(page).pageErrors).toEqual([]);
  });

  it('reallocates visitors up and down with the pool before and after, and refuses with the reason', async () => {
    const page = await start();
    await openOverview(page, 'Acme Outdoor');
    expect(await page.getByTestId('quota-used').textContent()).toBe('5,210');
    expect(await page.getByTestId('quota-remaining').textContent()).toBe('2,790');
    expect(await page.getByTestId('quota-total').textContent()).toBe('8,000');
    expect(await page.getByTestId('quota-preview').textContent()).toBe('Free in the pool now: 12,000.');

    await adjustQuota(page, '9000');
    expect(await page.getByTestId('quota-preview').textContent()).toBe(
      'Free in the pool: 12,000 now, 11,000 after this change.',
    );
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await expect
      .poll(() => page.getByTestId('quota-outcome').textContent())
      .toBe('The quota changed from 8,000 to 9,000 visitor licenses.');
    await expect.poll(() => page.getByTestId('quota-total').textContent()).toBe('9,000');
    expect(await page.getByTestId('quota-remaining').textContent()).toBe('3,790');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/^11,000 of 50,000/);

    await adjustQuota(page, '30000');
    expect(await page.locator('#field-overview-quota-error').textContent()).toBe(
      'This needs 21,000 more licenses, but only 11,000 are free in the pool.',
    );
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await expect
      .poll(() => page.getByTestId('quota-refusal').textContent())
      .toBe('This needs 21,000 more licenses, but only 11,000 are free in the pool.');
    expect(await axeViolations(page)).toEqual([]);

    await adjustQuota(page, '5000');
    expect(await page.locator('#field-overview-quota-error').textContent()).toBe(
      'The quota cannot be lower than the 5,210 visitors already used in this billing period.',
    );
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await expect
      .poll(() => page.getByTestId('quota-refusal').textContent())
      .toMatch(/cannot be lower than the 5,210 visitors/);
    expect(await page.getByTestId('quota-total').textContent()).toBe('9,000');

    await adjustQuota(page, '6000');
    expect(await page.getByTestId('quota-preview').textContent()).toBe(
      'Free in the pool: 11,000 now, 14,000 after this change.',
    );
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await expect
      .poll(() => page.getByTestId('quota-outcome').textContent())
      .toBe('The quota changed from 9,000 to 6,000 visitor licenses.');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/^14,000 of 50,000/);
    // A quota of 6,000 can bring the run-out day within the week, so a usage warning's line may
    // come between the two (the sample's usage is made relative to the clock): only the quota's lines count here.
    const lines = (await historyLines(page)).filter((line) => line.startsWith('Quota changed'));
    expect(lines[0]).toMatch(/^Quota changed from 9,000 to 6,000 visitor licenses\.By you · /);
    expect(lines[1]).toMatch(/^Quota changed from 8,000 to 9,000 visitor licenses\.By you · /);
  });

  it('keeps a quota typed while a reallocation is being saved, and reallocates it next', async () => {
    const page = await start();
    await openOverview(page, 'Acme Outdoor');
    const box = page.getByLabel('Adjust quota');
    const reallocate = page.getByRole('button', { name: 'Reallocate' });
    await adjustQuota(page, '9000');
    const release = await holdClientsStore(page);
    await reallocate.click();
    await expect.poll(() => reallocate.isDisabled()).toBe(true);
    await box.fill('9500');
    await release();
    await expect
      .poll(() => page.getByTestId('quota-outcome').textContent())
      .toBe('The quota changed from 8,000 to 9,000 visitor licenses.');
    await expect.poll(() => reallocate.isDisabled()).toBe(false);
    expect(await box.inputValue()).toBe('9500');
    await expect.poll(() => page.getByTestId('quota-total').textContent()).toBe('9,000');
    expect(await page.getByTestId('quota-preview').textContent()).toBe(
      'Free in the pool: 11,000 now, 10,500 after this change.',
    );

    await reallocate.click();
    await expect
      .poll(() => page.getByTestId('quota-outcome').textContent())
      .toBe('The quota changed from 9,000 to 9,500 visitor licenses.');
    await expect.poll(() => page.getByTestId('quota-total').textContent()).toBe('9,500');
    expect(await box.inputValue()).toBe('9500');
  });

  it('keeps contact details and a new member typed while a save is in progress', async () => {
    const page = await start();
    await openOverview(page, 'Initech Software');
    const save = page.getByRole('button', { name: 'Save' });
    await page.getByLabel('First name').fill('Peter');
    let release = await holdClientsStore(page);
    await save.click();
    await expect.poll(() => save.isDisabled()).toBe(true);
    await page.getByLabel('Industry').fill('Consulting');
    await release();
    await expect.poll(() => page.getByTestId('form-status').textContent()).toBe('Contact details saved.');
    await expect.poll(() => save.isDisabled()).toBe(false);
    expect(await page.getByLabel('First name').inputValue()).toBe('Peter');
    expect(await page.getByLabel('Industry').inputValue()).toBe('Consulting');

    // The add form empties after an add, but not the field typed into while it was saved.
    const add = page.getByRole('button', { name: 'Add member' });
    await page.getByLabel('Member name').fill('Lena Hoffmann');
    await page.getByLabel('Member email').fill('lena@initech.test');
    release = await holdClientsStore(page);
    await add.click();
    await page.getByLabel('Member name').fill('Jonas Brandt');
    await release();
    await expect.poll(() => page.getByTestId('members-status').textContent()).toBe('Lena Hoffmann was added as User.');
    expect(await page.getByLabel('Member name').inputValue()).toBe('Jonas Brandt');
    expect(await page.getByLabel('Member email').inputValue()).toBe('');
  });

  it('starts, pauses and completes experiments, and adds one as a draft', async () => {
    const page = await start();
    await openOverview(page, 'Acme Outdoor');
    expect(await page.getByTestId('start-blocked').count()).toBe(0);

    await page.getByRole('button', { name: 'Pause Checkout button colour' }).click();
    await expect.poll(() => experimentStatus(page, 'Checkout button colour')).toBe('Paused');
    expect(await page.getByTestId('experiments-status').textContent()).toBe(
      'Experiment “Checkout button colour” is paused.',
    );
    // Focus stays in the row, on what can be done next.
    await expect.poll(() => focusedLabel(page)).toBe('Resume Checkout button colour');
    await page.keyboard.press('Enter');
    await expect.poll(() => experimentStatus(page, 'Checkout button colour')).toBe('Running');

    await page.getByRole('button', { name: 'Start Size guide pop-up' }).click();
    await expect.poll(() => experimentStatus(page, 'Size guide pop-up')).toBe('Running');

    const complete = page.getByRole('button', { name: 'Complete Free shipping banner' });
    await complete.click();
    const dialog = page.getByRole('dialog', { name: 'Complete “Free shipping banner”?' });
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await focusInDialog(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toBe('Complete Free shipping banner');
    expect(await experimentStatus(page, 'Free shipping banner')).toBe('Running');

    await complete.click();
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => experimentStatus(page, 'Free shipping banner')).toBe('Completed');
    expect(
      await page
        .getByTestId('experiments')
        .getByRole('row', { name: /^Free shipping banner/ })
        .getByRole('button')
        .count(),
    ).toBe(0);

    await page.getByRole('button', { name: 'Add experiment' }).click();
    await expect
      .poll(() => page.locator('#field-experiment-name-error').textContent())
      .toBe('Experiment name is required.');
    await page.getByLabel('Experiment name').fill('Hero image test');
    await page.getByRole('button', { name: 'Add experiment' }).click();
    await expect.poll(() => experimentStatus(page, 'Hero image test')).toBe('Draft');
    expect(await page.getByTestId('experiments-status').textContent()).toBe(
      'Experiment “Hero image test” added as a draft.',
    );

    const lines = await historyLines(page);
    expect(lines[0]).toMatch(/^Experiment “Hero image test” created\.By you/);
    expect(lines[1]).toMatch(/^Experiment “Free shipping banner” completed\.By you/);
    expect(lines).toContainEqual(expect.stringMatching(/^Experiment “Checkout button colour” paused\.By you/));
  });

  it('refuses to start an experiment while the client is paused at its quota, with the reason, until the quota is raised', async () => {
    const page = await start();
    await openOverview(page, 'さくら旅行');
    const reason = 'This client has used its whole quota, so no experiment can start. Give it more visitors first.';
    expect(await page.getByTestId('start-blocked').textContent()).toBe(reason);
    expect(await experimentStatus(page, '早割プランの見出し')).toBe('Paused by the quota rule');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Resume 早割プランの見出し' }).click();
    await expect.poll(() => page.getByTestId('experiments-refusal').textContent()).toBe(reason);
    expect(await experimentStatus(page, '早割プランの見出し')).toBe('Paused by the quota rule');
    let lines = await historyLines(page);
    expect(lines[0]).toMatch(/^Paused at 6,000 of 6,000 visitors; running experiments paused: 2\.By the quota rule · /);

    await adjustQuota(page, '6,500');
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await expect.poll(() => page.getByTestId('start-blocked').count()).toBe(0);
    await expect.poll(() => experimentStatus(page, '早割プランの見出し')).toBe('Running');
    expect(await page.locator('.overview-title .badge').textContent()).toBe('Active');
    lines = await historyLines(page);
    expect(lines[0]).toMatch(
      /^Pause lifted: the quota of 6,500 is above the 6,000 visitors used; experiments resumed: 2\.By the quota rule/,
    );
    expect(lines[1]).toMatch(/^Quota changed from 6,000 to 6,500 visitor licenses\.By you/);
    expect(lines.at(-1)).toMatch(/^Client created with 6,000 visitor licenses from the pool\.By you/);
  });

  it('adds members with the user role only, and shows Remove disabled with the partner-admin reason', async () => {
    const page = await start();
    await openOverview(page, 'Acme Outdoor');
    const members = page.getByTestId('members');
    expect(await members.getByRole('row').count()).toBe(3);

    // Giving the admin roles is the client's own to do: only User is offered, and the hint says why.
    const role = page.getByLabel('Role');
    expect(await role.locator('option').allTextContents()).toEqual(['User']);
    expect(await page.getByTestId('members-role-limit').textContent()).toBe(
      "As the partner admin, you can't change the super administrator; only the client's own super administrator can. " +
        "As the partner admin, you can't give a user the admin role or take it away; only the client's own super administrator can.",
    );
    expect(await role.getAttribute('aria-describedby')).toBe('members-role-limit');

    await page.getByLabel('Member name').fill('Lena Hoffmann');
    await page.getByLabel('Member email').fill('Lena@Acme-Outdoor.test');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.getByTestId('members-status').textContent()).toBe('Lena Hoffmann was added as User.');
    expect(await members.getByRole('row', { name: /Lena Hoffmann/ }).textContent()).toBe(
      'Lena Hoffmannlena@acme-outdoor.testUserRemove',
    );
    await expect.poll(() => focused(page)).toBe('field-member-name');

    await page.getByLabel('Member name').fill('Maya Again');
    await page.getByLabel('Member email').fill('maya.fischer@acme-outdoor.test');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect
      .poll(() => page.locator('#field-member-email-error').textContent())
      .toBe('This organization already has a member with this email address.');
    expect(await page.getByLabel('Member name').inputValue()).toBe('Maya Again');

    // Deleting a user is a partner-admin limit: every Remove is disabled, with the reason in words.
    const reason = "As the partner admin, you can't delete a user; only the client's own administrators can.";
    const remove = page.getByRole('button', { name: 'Remove Jonas Weber' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await remove.getAttribute('aria-describedby')).toBe('members-remove-reason');
    expect(await page.locator('#members-remove-reason').textContent()).toBe(reason);
    expect(await page.locator('#members-remove-reason').isVisible()).toBe(true);
    for (const button of await members.getByRole('button', { name: /^Remove / }).all())
      expect(await button.isDisabled()).toBe(true);
    await remove.click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await members.getByRole('row', { name: /Jonas Weber/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const lines = await historyLines(page);
    expect(lines[0]).toMatch(/^A member was added with the role User\.By you/);
  });

  it('shows an inactive client read-only, offering Reactivate, and says when no client has the Org ID', async () => {
    const page = await start();
    await openOverview(page, 'Helios Energy');
    expect(await page.getByTestId('inactive-note').textContent()).toMatch(
      /^This client is inactive, so nothing can be changed here\. Its data is kept until /,
    );
    expect(await page.getByLabel('Client name').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reallocate' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add experiment' }).count()).toBe(0);
    expect(await page.getByTestId('start-blocked').textContent()).toBe(
      'This client is inactive, so no experiment can start.',
    );
    expect(await experimentStatus(page, 'Quote request steps')).toBe('Paused while the client is inactive');
    // Newest first: the billing period that began since then returned the 300 it had used.
    const history = await historyLines(page);
    expect(history[0]).toMatch(/^A new billing period began on .*By the billing-period rule/);
    expect(history[1]).toMatch(
      /^Marked inactive: unused licenses returned to the pool: 1,700; experiments paused: 1; data kept until /,
    );
    expect(await axeViolations(page)).toEqual([]);

    const reactivate = page.getByRole('button', { name: 'Reactivate…' });
    await reactivate.click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    expect(await focusInDialog(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toBe('Reactivate…');

    // Reactivate is the one thing an inactive client offers; afterwards everything is editable again.
    await reactivate.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => page.locator('.overview-title .badge').textContent()).toBe('Active');
    await expect.poll(() => focused(page)).toBe('overview-heading');
    expect(await page.getByLabel('Client name').isDisabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'Reallocate' }).count()).toBe(1);
    expect(await experimentStatus(page, 'Quote request steps')).toBe('Running');

    await page.evaluate(() => {
      location.hash = '#/clients/ORG-00000000';
    });
    await expect.poll(() => page.getByTestId('not-found').textContent()).toBe('No client has the Org ID ORG-00000000.');
    await page.getByRole('link', { name: 'Back to Manage Clients' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/clients');
  });
});
