import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseMultipart } from '../federation/busboy-parse.js';
import { readCertificate } from '../../src/certs/index.js';
import { countingSigningCertificate } from '../../src/federation/index.js';

// Issue 11 defect 2: metadata listing an expired and a valid signing certificate (key rollover).
const ROOT = resolve(__dirname, '../..');
const DIR = 'test/fixtures/cli';
const NOW = ['--now', '2026-06-01T00:00:00Z'];
const VALID = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1'; // test/keys/idp-signing (2024-2045)
const EXPIRED = '906D31AF59BCDEAA30F7F335FAD6CA4C1B839D54'; // test/keys/expired (2015-2016)
const cert = (name: string) => readCertificate(readFileSync(join(ROOT, `test/keys/${name}.crt.pem`)));

async function thumbprintSent(body: Buffer, stderr: string): Promise<string | undefined> {
  const ct = /^Content-Type: (multipart\/form-data; boundary=\S+)$/m.exec(stderr)![1]!;
  return (await parseMultipart(body, ct)).find((p) => p.name === 'IDPSigningCertificateThumbprint')?.value;
}

describe('countingSigningCertificate: the one rollover rule', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('the pin counts, whatever its dates', () => {
    expect(countingSigningCertificate([cert('expired'), cert('idp-signing')], { expectedThumbprint: EXPIRED, now })).toMatchObject({ kind: 'pinned', certificate: { sha1Thumbprint: EXPIRED } });
  });
  it('no pin: the first certificate valid at now, not the first listed', () => {
    expect(countingSigningCertificate([cert('expired'), cert('not-yet-valid'), cert('idp-signing')], { now })).toMatchObject({ kind: 'valid', certificate: { sha1Thumbprint: VALID } });
  });
  it('none valid: the first, marked none-valid; a pin that matches nothing; no certificate', () => {
    expect(countingSigningCertificate([cert('expired'), cert('not-yet-valid')], { now })).toMatchObject({ kind: 'none-valid', certificate: { sha1Thumbprint: EXPIRED } });
    expect(countingSigningCertificate([cert('idp-signing')], { expectedThumbprint: EXPIRED, now })).toEqual({ kind: 'pin-not-found', expectedThumbprint: EXPIRED, found: [VALID] });
    expect(countingSigningCertificate([], { now })).toEqual({ kind: 'none' });
  });
});

describe('samlfed payload: key rollover', () => {
  it('unpinned: builds (exit 0) and sends the valid certificate, the expired one is a non-blocking warning', async () => {
    const r = await cli(['payload', '--partner', `${DIR}/rollover/partner.yaml`, ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(await thumbprintSent(Buffer.from(r.stdout, 'latin1'), r.stderr)).toBe(VALID);
    expect(r.stderr).toContain(`IdP signing certificate SHA-1 thumbprint: ${VALID}`);
    expect(r.stderr).toContain(`warning: does not block: cert-expired (line 2): certificate "CN=samlfed test expired, O=samlfed tests, C=US" (SHA-1 ${EXPIRED})`);
    expect(r.stderr).not.toContain('ERR_PAYLOAD_LINT_FAILED');
  });

  it('pinned to the valid certificate: exit 0, its thumbprint sent, never the expired one', async () => {
    const r = await cli(['payload', '--partner', `${DIR}/rollover/partner.pinned.yaml`, '-f', 'json', ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.thumbprint).toBe(VALID);
    expect(v.fields.find((f: { name: string }) => f.name === 'IDPSigningCertificateThumbprint').value).toBe(VALID);
    expect(v.thumbprints).toEqual([EXPIRED, VALID]);
    expect(v.forced).toBe(false);
  });

  it('pinned to the expired certificate: that one counts, so its expiry blocks (exit 1)', async () => {
    const r = await cli(['payload', '--partner', `${DIR}/rollover/partner.pinned-expired.yaml`, ...NOW], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^samlfed payload: ERR_PAYLOAD_LINT_FAILED: expected IdP metadata without lint errors, found 1 lint error\(s\)/);
    expect(r.stdout).toBe('');
  });

  it('--rule cert-expired=warning lets the pinned expired certificate through; an unknown rule id is exit 2', async () => {
    const r = await cli(['payload', '--partner', `${DIR}/rollover/partner.pinned-expired.yaml`, '--rule', 'cert-expired=warning', '-f', 'json', ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ thumbprint: EXPIRED, forced: false, lint: { errorCount: 0, warningCount: 1 } });
    const bad = await cli(['payload', '--partner', `${DIR}/rollover/partner.yaml`, '--rule', 'cert-expird=off', ...NOW], { cwd: ROOT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule id "cert-expird"');
  });

  it('an expired encryption key does not block', async () => {
    const r = await cli(['payload', '--partner', `${DIR}/encryption-expired/partner.yaml`, '-f', 'json', ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).thumbprint).toBe(VALID);
    expect(r.stderr).toContain('warning: does not block: cert-expired (line 2)');
    expect(r.stderr).toContain('(KeyDescriptor use="encryption")');
  });

  it('-o creates the parent directory; --out stays as a deprecated alias; both at once is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-rollover-'));
    const out = join(dir, 'new', 'sub', 'body.bin');
    const r = await cli(['payload', '--partner', `${DIR}/rollover/partner.yaml`, '-o', out, ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(await thumbprintSent(readFileSync(out), r.stderr)).toBe(VALID);
    const legacy = await cli(['payload', '--partner', `${DIR}/rollover/partner.yaml`, '--out', join(dir, 'legacy.bin'), ...NOW], { cwd: ROOT });
    expect(legacy.code).toBe(0);
    expect(legacy.stderr).toContain(`to ${join(dir, 'legacy.bin')}`);
    const both = await cli(['payload', '--partner', `${DIR}/rollover/partner.yaml`, '-o', out, '--out', out, ...NOW], { cwd: ROOT });
    expect([both.code, both.stderr]).toEqual([2, 'samlfed payload: give -o/--output or its deprecated alias --out, not both\n']);
  });
});
