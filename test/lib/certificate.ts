// A self-signed certificate for 127.0.0.1, made with openssl for this run: a fake service on TLS
// that Node must refuse (the service client's "Unable to verify SSL certificate").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';

/** The key and certificate, in PEM; the files openssl wrote are removed at once. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'relay-tls-'));
  try {
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'),
    ], { encoding: 'utf8', timeout: 30_000 });
    assert.is(made.status, 0, made.stderr);
    return { key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
