/**
 * The address bar keyword (`ad`, then a client's name): suggests matching clients and opens the
 * chosen one's workspace, through the same ranking, op and tab helper as the popup.
 */
import { switchLanguage, t } from '../i18n';
import { STATUS_LABEL_KEYS } from '../model/client';
import { normalizeOrgId } from '../model/ids';
import type { MessageKey } from '../model/messages';
import { getSettings, listSwitcherEntries, markOpened, type SwitcherEntry } from '../ops';
import {
  type DescriptionPart,
  listenToOmnibox,
  type OmniboxAnswer,
  type OmniboxDisposition,
  type OmniboxHandlers,
  type OmniboxSuggestion,
} from '../platform/omnibox';
import { openWorkspaceTab, type TabPlacement } from '../platform/tabs';
import { rankClients } from '../rules/client-match';

/** Chrome shows about this many suggestions below the first line. */
export const OMNIBOX_SUGGESTIONS = 5;

const PLACEMENT: Record<OmniboxDisposition, TabPlacement> = {
  currentTab: 'current-tab',
  newForegroundTab: 'new-tab',
  newBackgroundTab: 'background-tab',
};

/** A message with one value styled: the sentence is split where the value goes, in any language. */
function sentenceWith(key: MessageKey, name: string, value: string): DescriptionPart[] {
  const marker = '\u0000';
  const [before = '', after = ''] = t(key, { [name]: marker }).split(marker);
  return [{ text: before }, { text: value, style: 'match' }, { text: after }];
}

function suggestionText(entry: SwitcherEntry): DescriptionPart[] {
  const facts = [entry.detail, entry.orgId, t(STATUS_LABEL_KEYS[entry.status])].filter(Boolean).join(' · ');
  const problem = entry.workspace.ok ? '' : ` — ${t(entry.workspace.key)}`;
  return [
    { text: entry.name, style: 'match' },
    { text: ` — ${facts}${problem}`, style: 'dim' },
  ];
}

function typedLine(best: SwitcherEntry | undefined, text: string): DescriptionPart[] {
  if (text.trim() === '') return [{ text: t('omnibox_prompt') }];
  if (!best) return [{ text: t('omnibox_noMatch', { query: text.trim() }) }];
  if (!best.workspace.ok)
    return [...sentenceWith('omnibox_cannotOpen', 'name', best.name), { text: ` ${t(best.workspace.key)}` }];
  return sentenceWith('omnibox_openBest', 'name', best.name);
}

/** What the address bar shows for `text`: the best match on the first line, the next ones below. */
export function omniboxAnswer(entries: readonly SwitcherEntry[], text: string): OmniboxAnswer {
  const ranked = rankClients(entries, text);
  // With nothing typed, Enter opens nothing, so the recent clients all go below the prompt.
  const best = text.trim() === '' ? undefined : ranked[0];
  const others = best ? ranked.slice(1) : ranked;
  return {
    typed: typedLine(best, text),
    suggestions: others
      .slice(0, OMNIBOX_SUGGESTIONS)
      .map((entry): OmniboxSuggestion => ({ content: entry.orgId, description: suggestionText(entry) })),
  };
}

/** The client that Enter on `text` means: a picked suggestion holds its Org ID; typed text, the best match. */
export function chosenClient(entries: readonly SwitcherEntry[], text: string): SwitcherEntry | undefined {
  if (text.trim() === '') return undefined;
  const orgId = normalizeOrgId(text);
  return entries.find((entry) => entry.orgId === orgId) ?? rankClients(entries, text)[0];
}

/** The handlers, reading the roster once per address bar session rather than on every keystroke. */
export function createOmniboxHandlers(): OmniboxHandlers {
  let session: Promise<SwitcherEntry[]> | undefined;
  const read = async () => {
    await switchLanguage((await getSettings()).language);
    return listSwitcherEntries();
  };
  const roster = () =>
    (session ??= read().catch((error: unknown) => {
      // A failed read is not kept: the next keystroke tries again.
      session = undefined;
      throw error;
    }));
  return {
    started() {
      session = undefined;
    },
    async changed(text) {
      return omniboxAnswer(await roster(), text);
    },
    async entered(text, disposition) {
      const chosen = chosenClient(await roster(), text);
      session = undefined;
      // The address bar cannot show a refusal; the suggestion already said why it will not open.
      if (!chosen?.workspace.ok) return;
      await openWorkspaceTab(await markOpened(chosen.orgId), PLACEMENT[disposition]);
    },
    cancelled() {
      session = undefined;
    },
  };
}

export function registerOmnibox(): void {
  listenToOmnibox(createOmniboxHandlers());
}
