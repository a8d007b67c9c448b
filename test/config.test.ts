import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_ENTITIES_LIMIT, readConfig, trimSlash } from '../handler/config.ts';

const config = suite('readConfig');

config('SECRET_KEY, then SECRET_KEY_PREVIOUS', () => {
  assert.is(readConfig({ SECRET_KEY: 'a', SECRET_KEY_PREVIOUS: 'b' }).keys.length, 2);
  assert.is(readConfig({ SECRET_KEY: 'a', SECRET_KEY_PREVIOUS: '' }).keys.length, 1);
  assert.is(readConfig({ SECRET_KEY: '', SECRET_KEY_PREVIOUS: 'b' }).keys.length, 0);
  assert.equal(readConfig({ SECRET_KEY: 'abc' }).keys[0]?.export(), Buffer.from('abc'));
});

config('CTR_ENTITIES_LIMIT: a positive integer, else 100 with a warning', () => {
  assert.equal(readConfig({}), {
    keys: [], audience: undefined, jwksHosts: new Set(), entitiesLimit: DEFAULT_ENTITIES_LIMIT, timeoutMs: 10_000, marginMs: 500,
    settings: {}, missing: [], warnings: [],
  });
  assert.is(readConfig({ CTR_ENTITIES_LIMIT: '' }).entitiesLimit, 100);
  assert.is(readConfig({ CTR_ENTITIES_LIMIT: '5' }).entitiesLimit, 5);
  assert.is(readConfig({ CTR_ENTITIES_LIMIT: '007' }).entitiesLimit, 7);
  for (const bad of ['0', '-1', '1.5', '1e3', ' 5', '0x10', 'abc', '9999999999']) {
    const { entitiesLimit, warnings } = readConfig({ CTR_ENTITIES_LIMIT: bad });
    assert.is(entitiesLimit, 100, bad);
    assert.equal(warnings, ['CTR_ENTITIES_LIMIT must be a positive integer; using 100']);
  }
});

config('XDR_AUDIENCE without its trailing slash; XDR_JWKS_HOSTS as host[:port], lower-cased', () => {
  const config = readConfig({ XDR_AUDIENCE: 'https://relay.test/', XDR_JWKS_HOSTS: ' Visibility.amp.cisco.com, 127.0.0.1:8443,,https://evil.test/x, a b ' });
  assert.is(config.audience, 'https://relay.test');
  assert.equal([...config.jwksHosts], ['visibility.amp.cisco.com', '127.0.0.1:8443']);
  assert.equal(config.warnings, [
    'XDR_JWKS_HOSTS: "https://evil.test/x" is not a host[:port]; ignored',
    'XDR_JWKS_HOSTS: "a b" is not a host[:port]; ignored',
  ]);
  assert.equal(readConfig({ XDR_JWKS_HOSTS: 'visibility.amp.cisco.com' }).warnings, [
    'XDR_JWKS_HOSTS is set but XDR_AUDIENCE is not: every RS256 token will be refused',
  ]);
});

config('REQUEST_TIMEOUT_MS and DEADLINE_MARGIN_MS: positive integers, else their defaults with a warning', () => {
  const set = readConfig({ REQUEST_TIMEOUT_MS: '3000', DEADLINE_MARGIN_MS: '250' });
  assert.equal([set.timeoutMs, set.marginMs, set.warnings], [3000, 250, []]);
  const bad = readConfig({ REQUEST_TIMEOUT_MS: '3s', DEADLINE_MARGIN_MS: '0' });
  assert.equal([bad.timeoutMs, bad.marginMs], [10_000, 500]);
  assert.equal(bad.warnings, ['REQUEST_TIMEOUT_MS must be a positive integer; using 10000', 'DEADLINE_MARGIN_MS must be a positive integer; using 500']);
});

config('trimSlash: one trailing slash off, nothing else', () => {
  assert.equal(['https://a.test/', 'https://a.test', 'https://a.test//', ''].map(trimSlash), ['https://a.test', 'https://a.test', 'https://a.test/', '']);
});

config('the configuration depends on nothing of the authorization (policy, tokens): the seams run one way', () => {
  const imports = (file: string) => [...readFileSync(join(__dirname, '..', 'handler', file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
  assert.equal(imports('config.ts'), ['node:crypto', './contract.ts']);
  assert.ok(imports('policy.ts').includes('./tokens.ts'));
  assert.not.ok(imports('tokens.ts').includes('./policy.ts'));
});

config.run();
