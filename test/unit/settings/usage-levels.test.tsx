import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { SettingsView } from '../../../entrypoints/options/views/SettingsView';
import { setLanguage } from '../../../lib/i18n';
import { getSettings, updateSettings } from '../../../lib/ops';
import { installFakePermissions } from '../fake-permissions';
import { resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { errorOf, fakeBackground, inputIn, leaveField, press, settle, typeInto } from './settings-dom';

const root = renderRootPerTest();
const LEVELS = 'field-usageWarningLevels';

async function renderSettings() {
  await act(() => render(<SettingsView />, root()));
  await settle();
}

async function saveSettings() {
  await press(root(), 'Save settings');
  await settle();
}

const notice = () => root().querySelector('[data-testid="settings-notice"]')?.textContent ?? null;

describe('the usage warning levels in Settings', () => {
  beforeEach(async () => {
    await resetDb();
    installFakePermissions();
    fakeBackground();
  });

  it('shows the saved levels and saves new ones, separated by commas, Japanese commas or spaces', async () => {
    await renderSettings();
    expect(inputIn(root(), LEVELS).value).toBe('80, 90');
    expect(root().textContent).toContain(
      'Up to 5 levels between 1 and 99, separated by commas, such as 80, 90. Each client gets one notification per level and billing period.',
    );

    await typeInto(root(), LEVELS, '95、70 85%');
    await saveSettings();
    expect(notice()).toBe('The settings were saved.');
    expect((await getSettings()).usageWarningLevels).toEqual([70, 85, 95]);
  });

  it('saves an empty field as no warnings', async () => {
    await renderSettings();
    await typeInto(root(), LEVELS, '  ');
    await saveSettings();
    expect(notice()).toBe('The settings were saved.');
    expect((await getSettings()).usageWarningLevels).toEqual([]);
  });

  it.each([
    [
      '80, ninety',
      'Usage warning levels (% of quota) must list whole percentages separated by commas, such as 80, 90.',
    ],
    ['80.5', 'Usage warning levels (% of quota) must list whole percentages separated by commas, such as 80, 90.'],
    ['0, 50', 'Usage warning levels (% of quota) must be at least 1.'],
    ['50, 100', 'Usage warning levels (% of quota) must be at most 99.'],
    ['10, 20, 30, 40, 50, 60', 'Usage warning levels (% of quota) can have at most 5 entries.'],
    ['80, 90, 80', 'Each warning level may be given only once.'],
  ])('refuses %j with its own message and saves nothing', async (typed, message) => {
    await updateSettings({ usageWarningLevels: [75] }, { now: T0 });
    await renderSettings();
    await typeInto(root(), LEVELS, typed);
    await leaveField(root(), LEVELS);
    expect(errorOf(root(), LEVELS)).toBe(message);

    await saveSettings();
    expect(notice()).toBe('The settings were not saved. Correct the fields marked below and save again.');
    expect(document.activeElement?.id).toBe(LEVELS);
    expect((await getSettings()).usageWarningLevels).toEqual([75]);
  });

  it('says what is wrong in Japanese when the dashboard speaks Japanese', async () => {
    setLanguage('ja');
    await renderSettings();
    await typeInto(root(), LEVELS, '80, 80');
    await leaveField(root(), LEVELS);
    expect(errorOf(root(), LEVELS)).toBe('同じ警告レベルは一度だけ指定できます。');
    await typeInto(root(), LEVELS, '80, たくさん');
    expect(errorOf(root(), LEVELS)).toBe(
      '使用量の警告レベル（クォータに対する%） には、パーセントを整数でコンマ区切りに入力してください（例：80, 90）。',
    );
  });
});
