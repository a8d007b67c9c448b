// The browser tests' launch options: Playwright's own disabled features kept, ours added, in the
// one --disable-features flag Chromium reads.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FLAGS, QUIET_FEATURES, findChromium, launchOptions, playwrightFeaturesFlag } from './chromium.ts';

const chromium = suite('test browser: launch options');

const featureFlags = (args: readonly string[]) => args.filter((arg) => arg.startsWith('--disable-features='));

chromium('the command line Playwright builds has one --disable-features: its own list, then ours', () => {
  const theirs = playwrightFeaturesFlag();
  const options = launchOptions('/usr/bin/chromium', theirs);
  // What playwright-core puts on the command line: its defaults, less the ignored ones, then ours.
  const { server } = require('playwright-core/lib/coreBundle') as { server: { createPlaywright(options: { sdkLanguage: string }): { chromium: { _innerDefaultArgs(options: { headless: boolean; args: string[] }): string[] } } } };
  const line = server.createPlaywright({ sdkLanguage: 'javascript' }).chromium._innerDefaultArgs({ headless: true, args: [...options.args ?? []] })
    .filter((arg) => !(options.ignoreDefaultArgs as string[]).includes(arg));
  const flags = featureFlags(line);
  assert.is(flags.length, 1);
  const names = (flag: string) => flag.slice('--disable-features='.length).split(',');
  assert.equal(names(flags[0] as string), [...names(theirs), ...QUIET_FEATURES]);
  assert.ok(names(theirs).length > 3, theirs);
});

chromium('another list of Playwright\'s is replaced whole, the flags kept', () => {
  const options = launchOptions('/opt/chrome', '--disable-features=A,B');
  assert.equal(options.args, [...FLAGS, `--disable-features=A,B,${QUIET_FEATURES.join(',')}`]);
  assert.equal(options.ignoreDefaultArgs, ['--disable-features=A,B']);
  assert.is(options.executablePath, '/opt/chrome');
  assert.equal(launchOptions('/opt/chrome', '--disable-features=').args?.at(-1), `--disable-features=${QUIET_FEATURES.join(',')}`);
});

chromium('CHROMIUM_PATH is the only browser tried when set', () => {
  assert.is(findChromium({ CHROMIUM_PATH: process.execPath }), process.execPath);
  assert.is(findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' }), undefined);
});

chromium.run();
