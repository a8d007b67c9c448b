// How the console's browser tests start Chromium: which browser, and with which flags. Playwright
// passes its own `--disable-features=<list>`, and Chromium reads only the last `--disable-features`
// of a command line (base::CommandLine keeps one value per switch), so the features turned off
// here go in one flag with Playwright's own list, in place of Playwright's flag.
import { existsSync } from 'node:fs';
import type { LaunchOptions } from 'playwright-core';

// CHROMIUM_PATH, when set, is the only browser tried.
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The browser to drive, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env['CHROMIUM_PATH'] ?? '';
  return (given !== '' ? [given] : CANDIDATES).find((path) => existsSync(path));
}

// Without the background-networking flags Chromium keeps trying to reach Google's hosts.
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/**
 * Chromium 156's headless mode is the whole browser, and it preloads the address bar's suggestion
 * popups of every tab: two WebUI pages, each in a renderer of its own (`--type=renderer
 * --top-chrome-webui`), which keep a fifth of a core busy each while the tab sits idle. Measured
 * on Chromium 156 with five blank tabs: 6.1 s of CPU in 5 idle seconds with them, 0.3 s without;
 * starting the browser and the tabs, 4.1-5.0 s with them, 3.0 s without. A headless browser never
 * shows an address bar. (The features' names as Chromium 156 holds them, kWebUIOmniboxPopup and
 * kWebUIOmniboxAimPopup; a Chrome without them ignores the names.)
 */
export const QUIET_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

interface BrowserTypeInternals {
  _innerDefaultArgs?: (options: { headless: boolean; args: string[] }) => string[];
}

/**
 * Playwright's own `--disable-features=…` flag, as the installed playwright-core builds it (its
 * Chromium browser type's default arguments; playwright-core is pinned in package-lock.json).
 * Throws, in one line, if that internal went away in an upgrade.
 */
export function playwrightFeaturesFlag(): string {
  const { server } = require('playwright-core/lib/coreBundle') as { server: { createPlaywright(options: { sdkLanguage: string }): { chromium: BrowserTypeInternals } } };
  const chromium = server.createPlaywright({ sdkLanguage: 'javascript' }).chromium;
  const flags = typeof chromium._innerDefaultArgs === 'function' ? chromium._innerDefaultArgs({ headless: true, args: FLAGS }) : [];
  const found = flags.filter((flag) => flag.startsWith('--disable-features='));
  if (found.length !== 1) {
    throw new Error('playwright-core no longer gives its --disable-features flag as 1.65 did (chromium._innerDefaultArgs): update test/lib/chromium.ts');
  }
  return found[0] as string;
}

/** The launch options of the tests' browser at `executablePath`. */
export function launchOptions(executablePath: string, theirs = playwrightFeaturesFlag()): LaunchOptions {
  const features = theirs.slice('--disable-features='.length).split(',').filter((name) => name !== '');
  return {
    executablePath,
    args: [...FLAGS, `--disable-features=${[...features, ...QUIET_FEATURES].join(',')}`],
    ignoreDefaultArgs: [theirs],
    timeout: 60_000,
  };
}
