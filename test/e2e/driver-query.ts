// The finder behind the driver's targets (driver.ts): one function that runs inside the page, in
// Chromium and in Firefox alike, so that a target finds the same element in both. It knows the
// implicit ARIA roles and the accessible names of the elements the extension's pages use; it is
// no full accessible-name computation, and says so by failing to find what it does not know.

import type { Target, TextMatch } from './driver';

type Match = { exact: string } | { source: string; flags: string };

/** A target as it crosses into the page (a RegExp does not survive the trip). */
export interface TargetSpec {
  by: 'role' | 'label' | 'testId' | 'css' | 'text';
  value: string;
  name?: Match;
  text?: Match;
  hasText?: Match | { contains: string };
  within?: TargetSpec;
  /** Hidden elements too (a file input is often hidden behind its label). */
  hidden?: boolean;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const toMatch = (match: TextMatch): Match =>
  typeof match === 'string' ? { exact: collapse(match) } : { source: match.source, flags: match.flags };

export function toSpec(target: Target, hidden = false): TargetSpec {
  const kinds = (['role', 'label', 'testId', 'css', 'text'] as const).filter((kind) => target[kind] !== undefined);
  if (kinds.length !== 1)
    throw new Error(`A target needs exactly one of role, label, testId, css, text: ${describe(target)}`);
  const by = kinds[0]!;
  const spec: TargetSpec = {
    by,
    value: by === 'label' || by === 'text' ? '' : (target[by] as string),
  };
  if (target.name !== undefined) spec.name = toMatch(target.name);
  if (target.label !== undefined) spec.name = toMatch(target.label);
  if (target.text !== undefined) spec.text = toMatch(target.text);
  if (target.hasText !== undefined)
    spec.hasText =
      typeof target.hasText === 'string'
        ? { contains: collapse(target.hasText) }
        : { source: target.hasText.source, flags: target.hasText.flags };
  if (target.within) spec.within = toSpec(target.within);
  if (hidden) spec.hidden = true;
  return spec;
}

/** How a target reads in a failure message, e.g. `button "Save" in dialog`. */
export function describe(target: Target): string {
  const show = (match: TextMatch) => (typeof match === 'string' ? JSON.stringify(match) : String(match));
  let text =
    target.role !== undefined
      ? `${target.role}${target.name === undefined ? '' : ` ${show(target.name)}`}`
      : target.label !== undefined
        ? `field labelled ${show(target.label)}`
        : target.testId !== undefined
          ? `[data-testid=${target.testId}]`
          : target.css !== undefined
            ? `\`${target.css}\``
            : target.text !== undefined
              ? `text ${show(target.text)}`
              : JSON.stringify(target);
  if (target.hasText !== undefined) text += ` with text ${show(target.hasText)}`;
  if (target.within) text += ` in ${describe(target.within)}`;
  return text;
}

/**
 * Every element the spec finds, in document order. Runs in the page: it must not use anything
 * from outside its own body (the browsers get its source text).
 */
export function queryInPage(spec: TargetSpec): Element[] {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const fits = (match: NonNullable<TargetSpec['hasText']>, text: string) => {
    const value = squash(text);
    if ('exact' in match) return value === match.exact;
    if ('contains' in match) return value.includes(match.contains);
    return new RegExp(match.source, match.flags).test(value);
  };
  const shown = (element: Element) => {
    if (element.closest('[aria-hidden="true"]')) return false;
    const checked = element as Element & { checkVisibility?: (this: Element, options: object) => boolean };
    if (typeof checked.checkVisibility === 'function') return checked.checkVisibility({ visibilityProperty: true });
    return element.getClientRects().length > 0;
  };
  const implicitRole = (element: Element): string => {
    const tag = element.localName;
    if (/^h[1-6]$/.test(tag)) return 'heading';
    switch (tag) {
      case 'a':
      case 'area':
        return element.hasAttribute('href') ? 'link' : '';
      case 'button':
        return 'button';
      case 'input': {
        const type = (element.getAttribute('type') ?? 'text').toLowerCase();
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'hidden' || type === 'file') return '';
        if (element.hasAttribute('list')) return 'combobox';
        return type === 'search' ? 'searchbox' : 'textbox';
      }
      case 'textarea':
        return 'textbox';
      case 'select':
        return (element as HTMLSelectElement).multiple || (element as HTMLSelectElement).size > 1
          ? 'listbox'
          : 'combobox';
      case 'option':
        return 'option';
      case 'dialog':
        return 'dialog';
      case 'table':
        return 'table';
      case 'tr':
        return 'row';
      case 'td':
        return 'cell';
      case 'th':
        return element.closest('thead') ? 'columnheader' : 'rowheader';
      case 'ul':
      case 'ol':
        return 'list';
      case 'li':
        return 'listitem';
      case 'nav':
        return 'navigation';
      case 'main':
        return 'main';
      case 'section':
        return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : '';
      case 'form':
        return 'form';
      case 'meter':
        return 'meter';
      case 'progress':
        return 'progressbar';
      default:
        return '';
    }
  };
  const roleOf = (element: Element) => {
    const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
    return explicit || implicitRole(element);
  };
  const NAMED_BY_CONTENT = new Set([
    'button',
    'link',
    'heading',
    'option',
    'menuitem',
    'menuitemradio',
    'menuitemcheckbox',
    'tab',
    'cell',
    'columnheader',
    'rowheader',
    'row',
    'checkbox',
    'radio',
    'switch',
    'treeitem',
    'tooltip',
  ]);
  const nameOf = (element: Element): string => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy)
      return squash(
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    const label = element.getAttribute('aria-label');
    if (label && label.trim()) return squash(label);
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0)
      return squash(
        Array.from(labels)
          .map((node) => node.textContent ?? '')
          .join(' '),
      );
    if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type))
      return squash(element.value);
    if (element instanceof HTMLImageElement) return squash(element.alt);
    if (NAMED_BY_CONTENT.has(roleOf(element))) return squash(element.textContent ?? '');
    return squash(element.getAttribute('title') ?? '');
  };
  const CONTROL_ROLES = new Set([
    'textbox',
    'searchbox',
    'combobox',
    'listbox',
    'spinbutton',
    'checkbox',
    'radio',
    'slider',
    'switch',
  ]);
  const isControl = (element: Element) =>
    ['input', 'select', 'textarea'].includes(element.localName) || CONTROL_ROLES.has(roleOf(element));

  // Into open shadow roots too (the managing bar draws inside one), as Playwright's locators do.
  const deepAll = (scope: ParentNode, selector: string): Element[] => {
    const found = Array.from(scope.querySelectorAll(selector));
    for (const element of Array.from(scope.querySelectorAll('*')))
      if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
    return found;
  };

  const find = (current: TargetSpec): Element[] => {
    const scopes: ParentNode[] = current.within ? find(current.within) : [document];
    const found = new Set<Element>();
    for (const scope of scopes) {
      const scopeRoot = scope as Element;
      const inner: ParentNode = scopeRoot.shadowRoot ?? scope;
      const selector =
        current.by === 'css'
          ? current.value
          : current.by === 'testId'
            ? `[data-testid="${CSS.escape(current.value)}"]`
            : '*';
      const candidates =
        inner === scope ? deepAll(scope, selector) : [...deepAll(scope, selector), ...deepAll(inner, selector)];
      for (const element of candidates) {
        if (!current.hidden && !shown(element)) continue;
        if (current.by === 'role') {
          if (roleOf(element) !== current.value) continue;
          if (current.name && !fits(current.name, nameOf(element))) continue;
        } else if (current.by === 'label') {
          if (!isControl(element) || !current.name || !fits(current.name, nameOf(element))) continue;
        } else if (current.by === 'text') {
          if (!current.text || !fits(current.text, element.textContent ?? '')) continue;
          // The innermost element that holds the text, not each of its ancestors.
          const text = current.text;
          if (Array.from(element.children).some((child) => fits(text, child.textContent ?? ''))) continue;
        }
        if (current.hasText && !fits(current.hasText, element.textContent ?? '')) continue;
        found.add(element);
      }
    }
    return Array.from(found).sort((a, b) =>
      a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
  };
  return find(spec);
}

/** What the driver reads about the elements a target finds, in one trip into the page. */
export interface Found {
  count: number;
  texts: string[];
  /** The first element's state. */
  first: {
    value: string | null;
    disabled: boolean;
    focused: boolean;
    attributes: Record<string, string>;
  } | null;
}

// The driver sends these as expressions rather than functions: an expression can carry the
// finder's source along, and neither browser applies the page's CSP to its automation's scripts
// (the extension pages' CSP forbids building a function from text inside the page).

/** An expression whose value is a `Found`. */
export function readExpression(spec: TargetSpec): string {
  return `(() => {
    const all = (${queryInPage.toString()})(${JSON.stringify(spec)});
    const first = all[0];
    return {
      count: all.length,
      texts: all.map((element) => (element.textContent ?? '').replace(/\\s+/g, ' ').trim()),
      first: first ? {
        value: 'value' in first ? String(first.value) : null,
        disabled: first.matches(':disabled') || first.getAttribute('aria-disabled') === 'true',
        focused: first === document.activeElement,
        attributes: Object.fromEntries(Array.from(first.attributes).map((a) => [a.name, a.value])),
      } : null,
    };
  })()`;
}

/** An expression whose value is the first element the spec finds (or undefined). */
export function elementExpression(spec: TargetSpec): string {
  return `(${queryInPage.toString()})(${JSON.stringify(spec)})[0]`;
}
