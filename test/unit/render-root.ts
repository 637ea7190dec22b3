import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';
import { setLanguage } from '../../lib/i18n';

/**
 * Gives each test of the calling file a fresh element in the document to render into, in
 * English; afterwards the tree is unmounted (its effects cleaned up) and the element removed.
 * Returns the current test's element.
 */
export function renderRootPerTest(): () => HTMLElement {
  let root: HTMLElement | undefined;
  beforeEach(() => {
    setLanguage('en');
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    if (!root) return;
    render(null, root);
    root.remove();
    root = undefined;
  });
  return () => {
    if (!root) throw new Error('The render root exists only while a test runs.');
    return root;
  };
}
