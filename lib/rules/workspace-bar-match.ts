/**
 * Which pages are a client's workspace, as the agency's URL template says: the pages where
 * the "You are currently managing…" bar shows.
 */
import { normalizeOrgId, ORG_ID_PATTERN } from '../model/ids';
import { ORG_ID_TOKEN } from '../model/settings';

/** Stands in for the Org ID while a template is parsed as a URL; any valid Org ID would do. */
const SAMPLE_ORG_ID = 'ORG-00000000';
const ORG_ID_LENGTH = SAMPLE_ORG_ID.length;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** The template with `orgId` put in, as a parsed URL (so hosts are lower-cased the way pages' are). */
function templateWith(template: string, orgId: string): URL | undefined {
  const url = parse(template.replaceAll(ORG_ID_TOKEN, orgId));
  return url && isHttp(url) ? url : undefined;
}

/**
 * The match pattern for the pages of every client's workspace: the template's scheme and host,
 * any port and path (browsers grant host access per host). When the Org ID is part of the host
 * (https://{orgId}.app.example.com/), every subdomain of the rest of the host. Undefined for a
 * template that cannot give one (not http(s), or a host that would leave only a top-level domain).
 */
export function workspaceMatchPattern(template: string | undefined): string | undefined {
  if (template === undefined || !template.includes(ORG_ID_TOKEN)) return undefined;
  const sample = templateWith(template, SAMPLE_ORG_ID);
  if (!sample) return undefined;
  const labels = sample.hostname.split('.');
  const withOrgId = labels.findIndex((label) => label.includes(SAMPLE_ORG_ID.toLowerCase()));
  if (withOrgId === -1) return `${sample.protocol}//${sample.hostname}/*`;
  const rest = labels.slice(withOrgId + 1);
  if (rest.length < 2) return undefined;
  return `${sample.protocol}//*.${rest.join('.')}/*`;
}

/** The host the bar asks access to, as people read it ("app.example.com", "*.app.example.com"). */
export function workspaceHostLabel(template: string | undefined): string | undefined {
  return workspaceMatchPattern(template)
    ?.replace(/^[a-z]+:\/\//, '')
    .replace(/\/\*$/, '');
}

/**
 * The Org ID of the workspace that `pageUrl` is a page of, or undefined when it is none: the
 * page must start as the template does up to the Org ID, then hold an Org ID (in any case),
 * and be on exactly the origin (scheme, host and port) the template gives that Org ID.
 */
export function orgIdFromWorkspaceUrl(pageUrl: string, template: string | undefined): string | undefined {
  if (template === undefined || !template.includes(ORG_ID_TOKEN)) return undefined;
  const page = parse(pageUrl);
  const sample = templateWith(template, SAMPLE_ORG_ID);
  if (!page || !sample || !isHttp(page)) return undefined;
  const at = sample.href.toUpperCase().indexOf(SAMPLE_ORG_ID);
  if (at === -1) return undefined;
  const prefix = sample.href.slice(0, at);
  if (!page.href.startsWith(prefix)) return undefined;
  const candidate = normalizeOrgId(page.href.slice(at, at + ORG_ID_LENGTH));
  if (!ORG_ID_PATTERN.test(candidate)) return undefined;
  // "ORG-00000000X" is not ORG-00000000's workspace.
  if (/[A-Za-z0-9]/.test(page.href.charAt(at + ORG_ID_LENGTH))) return undefined;
  const expected = templateWith(template, candidate);
  return expected?.origin === page.origin ? candidate : undefined;
}
