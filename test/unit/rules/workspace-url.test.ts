import { describe, expect, it } from 'vitest';
import { workspaceUrlFor } from '../../../lib/rules/workspace-url';

const TEMPLATE = 'https://app.example.com/org/{orgId}/dashboard';

describe('workspaceUrlFor', () => {
  it('puts the Org ID into the agency template', () => {
    expect(workspaceUrlFor({ orgId: 'ORG-7K2M9QXD' }, TEMPLATE)).toEqual({
      ok: true,
      url: 'https://app.example.com/org/ORG-7K2M9QXD/dashboard',
    });
  });

  it("prefers the client's own workspace URL", () => {
    expect(workspaceUrlFor({ orgId: 'ORG-7K2M9QXD', workspaceUrl: 'https://acme.example.net/' }, TEMPLATE)).toEqual({
      ok: true,
      url: 'https://acme.example.net/',
    });
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'chrome://settings', 'acme.example.net'])(
    'refuses %s',
    (workspaceUrl) => {
      expect(workspaceUrlFor({ orgId: 'ORG-7K2M9QXD', workspaceUrl }, TEMPLATE)).toEqual({
        ok: false,
        key: 'error_workspaceUrlNotHttp',
      });
    },
  );

  it('says when there is nothing to open', () => {
    expect(workspaceUrlFor({ orgId: 'ORG-7K2M9QXD' }, undefined)).toEqual({ ok: false, key: 'error_noWorkspaceUrl' });
  });
});
