import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCreateFederationPayload, parseManifest } from '../../src/federation/index.js';

// Variants of the tenant example built at run time from the committed example and test keys.
const EXAMPLE = readFileSync(resolve(__dirname, '../../examples/tenant-partner/idp-metadata.xml'), 'utf8');
const b64 = (name: string) => readFileSync(resolve(__dirname, `../keys/${name}.crt.pem`), 'utf8').replace(/-----[^-]+-----|\s/g, '');
const NOW = new Date('2026-06-01T00:00:00Z');
const IDP_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
const ROLLOVER_SHA1 = '779019E4ACA7E8F8C60FEFE69E032240BBFC3CA7';

function manifestFor(xml: string, extra = ''): ReturnType<typeof parseManifest> {
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-md-'));
  writeFileSync(join(dir, 'md.xml'), xml);
  return parseManifest(`name: globex\ndomains: [globex.example]\nmetadata: ./md.xml\n${extra}`, { baseDir: dir });
}

const rollover = EXAMPLE.replace('</KeyDescriptor>', `</KeyDescriptor><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${b64('idp-signing-2')}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`);

describe('signing certificate selection', () => {
  it('rollover metadata: first certificate by default, all thumbprints listed, with a warning', async () => {
    const p = await buildCreateFederationPayload(manifestFor(rollover), { now: NOW });
    expect(p.thumbprints).toEqual([IDP_SHA1, ROLLOVER_SHA1]);
    expect(p.thumbprint).toBe(IDP_SHA1);
    expect(p.warnings.some((w) => w.includes('2 signing certificates') && w.includes('pin expectedThumbprint'))).toBe(true);
  });

  it('rollover metadata: the pin chooses the certificate sent', async () => {
    const p = await buildCreateFederationPayload(manifestFor(rollover, `expectedThumbprint: ${ROLLOVER_SHA1}\n`), { now: NOW });
    expect(p.thumbprint).toBe(ROLLOVER_SHA1);
    expect(p.fields.find((f) => f.name === 'IDPSigningCertificateThumbprint')).toEqual({ name: 'IDPSigningCertificateThumbprint', value: ROLLOVER_SHA1 });
  });

  it('metadata with an encryption-only key has no signing certificate', async () => {
    const xml = EXAMPLE.replace('<KeyDescriptor>', '<KeyDescriptor use="encryption">');
    const err = await buildCreateFederationPayload(manifestFor(xml), { now: NOW, force: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_PAYLOAD_NO_SIGNING_CERT' });
  });

  it('an aggregate with two IdPs is ambiguous', async () => {
    const body = EXAMPLE.replace(/^<\?xml[^>]*>/, '');
    const second = body.replace(/entityID="[^"]*"/, 'entityID="https://other.my.idaptive.app/0a1b2c3d-0000-4000-8000-000000000000"');
    const agg = `<?xml version="1.0" encoding="utf-8"?><EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${body}${second}</EntitiesDescriptor>`;
    const err = await buildCreateFederationPayload(manifestFor(agg), { now: NOW, force: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_PAYLOAD_AMBIGUOUS_IDP' });
  });
});
