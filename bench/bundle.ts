// Gzipped size of what each surface loads before it can run: the page's entry script (or
// background.js) with every chunk it imports, statically or as a module preload.

import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSize {
  entry: string;
  bytes: number;
  gzipBytes: number;
  files: BundleFile[];
}

const IMPORT = /(?:\bimport|\bfrom)\s*\(?\s*["']([^"']+\.js)["']/g;

/** The chunks a module loads, itself first; dynamic import() is followed too (it is loaded to run). */
function closure(dir: string, file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join(dir, file), 'utf8');
  for (const [, target] of code.matchAll(IMPORT)) {
    if (target)
      closure(
        dir,
        posix.normalize(target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(file), target)),
        seen,
      );
  }
}

function measure(dir: string, entry: string, roots: string[]): BundleSize {
  const seen = new Set<string>();
  for (const root of roots) closure(dir, root, seen);
  const files = [...seen].map((file) => {
    const content = readFileSync(join(dir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    entry,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    files,
  };
}

/** A page's scripts: its module entry and the chunks it preloads. */
function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  const scripts = [...text.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  const preloads = [...text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  return [...scripts, ...preloads];
}

/**
 * The message catalogues, which each page and the worker read as data (one language, when
 * first needed) from the package, where the browser needs them anyway for the manifest.
 */
export function catalogueSizes(dir: string): BundleFile[] {
  return ['en', 'ja'].map((locale) => {
    const file = `_locales/${locale}/messages.json`;
    const content = readFileSync(join(dir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
}

/** Sizes of the popup's, the dashboard's and the background's scripts in an unpacked build. */
export function bundleSizes(dir: string): Record<'popup' | 'dashboard' | 'background', BundleSize> {
  return {
    popup: measure(dir, 'popup.html', pageScripts(dir, 'popup.html')),
    dashboard: measure(dir, 'options.html', pageScripts(dir, 'options.html')),
    background: measure(dir, 'background.js', ['background.js']),
  };
}
