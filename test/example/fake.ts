// The fake Example Intel (test/lib/example-intel.ts) that `make serve EXAMPLE=example` and the
// console's browser tests run the worked example against: it knows a few observables (the
// report below names them), answers 500 for 500.example.com, 429 for 429.example.com, 404 for
// anything else, and takes blocks.
import { exampleIntel } from '../lib/example-intel.ts';
import { listen, type Fake } from '../lib/fake.ts';

const day = (offset: number) => new Date(Date.UTC(2026, 10, 20 + offset, 10)).toISOString().replace('.000', '');

/** What Example Intel knows, by value. */
export const LOOKUPS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['198.51.100.7', {
    verdict: 'malicious', score: 95, permalink: 'https://example-intel.test/ip/198.51.100.7',
    reports: [
      { id: 'r-1', seen_at: day(0), title: 'Botnet C2' },
      { id: 'r-3', seen_at: day(2), title: 'Phishing host' },
      { id: 'r-2', seen_at: day(1), title: 'Scanning' },
    ],
    feeds: [{ name: 'C2 list', curator: 'Example CERT' }],
  }],
  ['example.org', { verdict: 'clean', score: 0, permalink: 'https://example-intel.test/domain/example.org', reports: [] }],
  ['203.0.113.45', {
    verdict: 'suspicious', score: 55, permalink: 'https://example-intel.test/ip/203.0.113.45',
    reports: [{ id: 'r-9', seen_at: day(-3), title: 'Hosted a login page' }],
  }],
  ['login-example.com', {
    verdict: 'malicious', score: 88, permalink: 'https://example-intel.test/domain/login-example.com',
    reports: [{ id: 'r-7', seen_at: day(1), title: 'Credential phishing', description: 'A copy of a webmail login' }],
  }],
  ['cisco.com', { verdict: 'clean', score: 2, permalink: 'https://example-intel.test/domain/cisco.com', reports: [] }],
]);

/** A report that names what the fake knows, does not know, and fails on. */
export const SAMPLE = `Advisory 2026-117 (TLP:CLEAR). On 2026-11-22 the host 198.51.100[.]7 served hxxps[:]//login-example[.]com/owa
to staff; the lure page loaded from 203.0.113.45 and example.org. Lookups of 500.example.com fail upstream.
The attachment invoice_2026.zip (sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)
came from billing@example.net. Unaffected: cisco.com, version 10.2.3.4.`;

export function start(): Promise<Fake> {
  return listen(exampleIntel(Object.fromEntries(LOOKUPS)), (url) => ({ EXAMPLE_INTEL_URL: url }), SAMPLE);
}
