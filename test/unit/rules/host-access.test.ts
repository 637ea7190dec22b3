// One host's access shared by several settings, the team's server among them: giving it back
// with one of them never takes it from another.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../lib/model/settings';
import { accessStillNeeded } from '../../../lib/rules/host-access';

const RELAY = 'http://127.0.0.1:8787/hook';
const TEAM = 'http://127.0.0.1:8787';

describe('host access', () => {
  it("counts the team's server as needing its origin, so removing the webhook or the usage source keeps it", () => {
    const settings = { ...defaultSettings(), reminderWebhookUrl: RELAY };
    expect(accessStillNeeded(RELAY, settings, 'reminderWebhook')).toBe(false);
    expect(accessStillNeeded(RELAY, settings, 'reminderWebhook', TEAM)).toBe(true);
    expect(accessStillNeeded(RELAY, settings, 'usageSource', 'https://sync.example.com')).toBe(true);
    expect(accessStillNeeded(RELAY, { ...defaultSettings() }, 'usageSource', 'https://sync.example.com')).toBe(false);
  });

  it("gives the team server's access back on disconnect only when no setting uses its origin", () => {
    expect(accessStillNeeded(TEAM, defaultSettings(), 'teamServer', TEAM)).toBe(false);
    expect(accessStillNeeded(TEAM, { ...defaultSettings(), reminderWebhookUrl: RELAY }, 'teamServer', TEAM)).toBe(true);
  });
});
