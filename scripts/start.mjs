#!/usr/bin/env node
// Launches Chromium with the built extension (.output/chrome-mv3) loaded, in
// a persistent profile at .output/profile, so a person can try Agency Desk.
// `npm start` runs `wxt build` first; this script only launches the browser.
//
// Browser lookup: $CHROME_PATH, $CHROMIUM_PATH, then chromium,
// chromium-browser, google-chrome, google-chrome-stable on PATH, then the
// usual macOS application paths. Branded Google Chrome 137+ ignores
// --load-extension; Chromium (or Chrome for Testing) is the reliable choice.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
const PROFILE_DIR = join(ROOT, '.output', 'profile');

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const MANUAL_STEPS = `To load it by hand in Chrome, Chromium, Edge or Brave:
  1. open chrome://extensions
  2. switch on "Developer mode" (top right)
  3. click "Load unpacked" and choose ${EXTENSION_DIR}
  4. click the Agency Desk toolbar icon (puzzle-piece menu) for the client switcher,
     or "Details" → "Extension options" for the agency dashboard.`;

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findBrowser() {
  for (const name of ['CHROME_PATH', 'CHROMIUM_PATH']) {
    const value = process.env[name];
    if (!value) continue;
    if (isExecutable(value)) return value;
    console.warn(`$${name} is set to ${value}, which is not an executable file; ignoring it.`);
  }
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return MAC_APPS.find(isExecutable) ?? null;
}

// Chromium derives an unpacked extension's id from its absolute path:
// the first 128 bits of SHA-256(path), hex digits 0-f written as letters a-p.
// (On Windows the path is hashed differently, so no id is predicted there.)
function predictExtensionId(dir) {
  if (process.platform === 'win32') return null;
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No build at ${EXTENSION_DIR}. Run \`npm start\` (builds first) or \`npm run build\`.`);
  process.exit(1);
}

const browser = findBrowser();
if (!browser) {
  console.error(`No Chromium-family browser found (looked at $CHROME_PATH, $CHROMIUM_PATH, ${PATH_NAMES.join(', ')} on PATH).
Install Chromium (Debian/Ubuntu: \`sudo apt-get install chromium\`) or set CHROME_PATH, then run \`npm start\` again.

The extension is built at ${EXTENSION_DIR}.
${MANUAL_STEPS}`);
  process.exit(1);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`No graphical display ($DISPLAY / $WAYLAND_DISPLAY unset), so ${browser} cannot open a window here.
Run \`npm start\` from a desktop session, or copy ${EXTENSION_DIR} to a machine with a browser.
${MANUAL_STEPS}`);
  process.exit(1);
}

mkdirSync(PROFILE_DIR, { recursive: true });
const extensionId = predictExtensionId(EXTENSION_DIR);
// A chrome-extension:// start URL would race the extension's loading and show
// an error page, so open the extension's details page instead.
const startUrl = extensionId ? `chrome://extensions/?id=${extensionId}` : 'chrome://extensions';

const args = [
  `--user-data-dir=${PROFILE_DIR}`,
  `--disable-extensions-except=${EXTENSION_DIR}`,
  `--load-extension=${EXTENSION_DIR}`,
  '--no-first-run',
  '--no-default-browser-check',
  // Chromium refuses to run as root with its sandbox on (containers, VMs).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  startUrl,
];

console.log(`Starting ${browser}
  extension: ${EXTENSION_DIR}
  profile:   ${PROFILE_DIR} (kept between runs; delete it for a fresh start)
`);
console.log(`Agency Desk is loaded. To use it:
  - agency dashboard: ${extensionId ? `open chrome-extension://${extensionId}/options.html, or ` : ''}click "Extension options" on the page that opens
  - client switcher: click the Agency Desk icon in the toolbar (pin it from the puzzle-piece menu)
After changing code, run \`npm run build\` and press the reload icon on chrome://extensions,
or use \`npm run dev\` for hot reload.
${
  /google-chrome/i.test(browser)
    ? `
Note: ${browser} looks like branded Google Chrome, which (since version 137) ignores --load-extension.
If Agency Desk is missing from chrome://extensions, load it by hand:
${MANUAL_STEPS}
`
    : ''
}
Close the browser window (or press Ctrl+C here) to stop.`);

const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stderrTail = '';
child.stderr.on('data', (chunk) => {
  stderrTail = (stderrTail + chunk.toString()).slice(-4000);
});
child.on('error', (error) => {
  console.error(`Could not start ${browser}: ${error.message}\n${MANUAL_STEPS}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (code && code !== 0) {
    console.error(`${browser} exited with code ${code}. Last output:\n${stderrTail}`);
    process.exit(code);
  }
  if (signal && signal !== 'SIGINT' && signal !== 'SIGTERM') console.error(`${browser} was stopped by ${signal}.`);
  process.exit(0);
});
