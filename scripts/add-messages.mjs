#!/usr/bin/env node
// Adds or updates messages in both catalogues without touching anyone else's keys.
// Usage: node scripts/add-messages.mjs spec.json
// spec.json: { "key": { "en": "…$NAME$…", "ja": "…$NAME$…", "description": "…", "examples": { "name": "…" } } }
// Placeholder positions follow the English order of appearance, identical in every language,
// because chrome.i18n substitutes by position.
import { readFileSync, writeFileSync } from 'node:fs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const lang of ['en', 'ja']) {
  const path = new URL(`../public/_locales/${lang}/messages.json`, import.meta.url);
  const catalog = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, entry] of Object.entries(spec)) {
    const message = entry[lang];
    if (typeof message !== 'string' || !entry.description) throw new Error(`${key}: needs en, ja and description`);
    const names = [...new Set([...entry.en.matchAll(/\$([A-Za-z_]+)\$/g)].map((match) => match[1].toLowerCase()))];
    const out = { message, description: entry.description };
    if (names.length > 0) {
      out.placeholders = Object.fromEntries(
        names.map((name, index) => [name, { content: `$${index + 1}`, example: entry.examples?.[name] ?? '' }]),
      );
    }
    catalog[key] = out;
  }
  writeFileSync(path, `${JSON.stringify(catalog, null, 2)}\n`);
}
