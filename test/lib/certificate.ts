// A self-signed certificate for 127.0.0.1, made with openssl for this run: a fake service on TLS
// that Node must refuse (the service client's "Unable to verify SSL certificate"). Its key is an
// EC P-256 key made by Node (an RSA key costs openssl up to a second of CPU on a loaded machine),
// and the pair is made once per process: every suite that asks gets the same one.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';

let made: { key: Buffer; cert: Buffer } | undefined;

/** The key and certificate, in PEM; the files openssl read and wrote are removed at once. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  made ??= sign();
  return made;
}

function sign(): { key: Buffer; cert: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'relay-tls-'));
  try {
    const key = Buffer.from(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(folder, 'key.pem'), key, { mode: 0o600 });
    const signed = spawnSync('openssl', [
      'req', '-x509', '-new', '-key', join(folder, 'key.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-out', join(folder, 'cert.pem'),
    ], { encoding: 'utf8', timeout: 30_000 });
    assert.is(signed.status, 0, signed.stderr);
    return { key, cert: readFileSync(join(folder, 'cert.pem')) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
