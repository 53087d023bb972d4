/**
 * A third implementation checks the simulator's signatures: xmlsec1 (libxmlsec1, C) verifies the
 * AD FS metadata signature and the assertion / Response signatures of both flavours. Skips with a
 * reason when xmlsec1 is not installed (CI installs xmlsec1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIdp, type IdpServer } from '../../src/idp/index.js';
import { SP, TEST_KEYS } from './helpers.js';

const HAVE_XMLSEC1 = spawnSync('xmlsec1', ['--version']).status === 0;
if (!HAVE_XMLSEC1) console.warn('xmlsec1 cross-check skipped: xmlsec1 is not installed (Debian package xmlsec1)');

const CERT = join(import.meta.dirname, '..', 'keys', 'idp-signing.crt.pem');
let dir: string;
const servers: IdpServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-idp-xmlsec-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** `xmlsec1 --verify` of the first signature under an element named `node` with ID attribute `ID`. */
function xmlsecVerify(xml: string, node: string, name: string): { status: number | null; stderr: string } {
  const file = join(dir, name);
  writeFileSync(file, xml);
  const r = spawnSync('xmlsec1', ['--verify', '--pubkey-cert-pem', CERT, '--id-attr:ID', node, '--node-xpath', `//*[local-name()='${node.split(':').pop()}']/*[local-name()='Signature']`, file], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe.skipIf(!HAVE_XMLSEC1)('xmlsec1 verifies what the simulator signed with xml-crypto', () => {
  it('adfs: the FederationMetadata signature and the assertion signature', async () => {
    const idp = await startIdp({ flavour: 'adfs', ...TEST_KEYS });
    servers.push(idp);
    expect(xmlsecVerify(idp.metadataXml, 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor', 'md.xml')).toMatchObject({ status: 0 });
    const r = await idp.issue({ request: { id: '_r', acsUrl: SP.acsUrl, spEntityId: SP.entityId }, user: { name: 'a@b.example', groups: ['G'] } });
    expect(xmlsecVerify(r.xml, 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', 'adfs-assertion.xml')).toMatchObject({ status: 0 });
    const tampered = r.xml.replace('<AttributeValue>G</AttributeValue>', '<AttributeValue>H</AttributeValue>');
    expect(xmlsecVerify(tampered, 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', 'adfs-tampered.xml').status).not.toBe(0);
  });

  it('tenant: the Response signature and the assertion signature', async () => {
    const idp = await startIdp({ flavour: 'tenant', keyPem: TEST_KEYS.keyPem, certPem: TEST_KEYS.certPem });
    servers.push(idp);
    const r = await idp.issue({ request: { id: '_r', acsUrl: SP.acsUrl, spEntityId: SP.entityId }, user: { name: 'a@b.example', groups: ['G'] } });
    expect(xmlsecVerify(r.xml, 'urn:oasis:names:tc:SAML:2.0:protocol:Response', 'tenant-response.xml')).toMatchObject({ status: 0 });
    expect(xmlsecVerify(r.xml, 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', 'tenant-assertion.xml')).toMatchObject({ status: 0 });
  });
});
