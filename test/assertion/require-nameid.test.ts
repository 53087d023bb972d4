import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InMemoryReplayCache, verifyResponse, type VerifiedLogin } from '../../src/assertion/index.js';
import { parseMetadata } from '../../src/metadata/index.js';

// Issue 11 defect 5: AD FS sends a Subject with only a SubjectConfirmation when the relying party has
// no NameID claim rule. Fixture: scripts/fixtures/cli.ts (test/fixtures/cli/response.adfs-no-nameid.xml).
const ROOT = join(import.meta.dirname, '..', '..');
const response = readFileSync(join(ROOT, 'test/fixtures/cli/response.adfs-no-nameid.xml'));
const idp = parseMetadata(readFileSync(join(ROOT, 'examples/adfs-partner/federationmetadata.xml')));
const base = () => ({ idp, sp: { entityId: 'https://sp.host.example/saml2', acsUrls: ['https://sp.host.example/saml2/acs'] }, now: new Date('2026-06-15T12:00:00Z'), requestId: '_req-1', replayCache: new InMemoryReplayCache() });

describe('requireNameId', () => {
  it('default (strict): ERR_ASSERTION_NO_NAMEID', async () => {
    await expect(verifyResponse(response, base())).rejects.toMatchObject({ code: 'ERR_ASSERTION_NO_NAMEID', message: 'Expected a saml:NameID in the Subject, found none' });
    await expect(verifyResponse(response, { ...base(), requireNameId: true })).rejects.toMatchObject({ code: 'ERR_ASSERTION_NO_NAMEID' });
  });

  it('false: accepted, nameId undefined, a warning says the subject is absent', async () => {
    const login = await verifyResponse(response, { ...base(), requireNameId: false });
    expect(login.nameId).toBeUndefined();
    expect(login.issuer).toBe('http://adfs.partner.example/adfs/services/trust');
    expect(login.groups).toEqual(['Partner-Engineering']);
    expect(login.warnings).toEqual(['the Subject carries no NameID (accepted with requireNameId: false): the subject is absent; identify the user by an attribute']);
  });

  it('types: strict calls return VerifiedLogin (nameId always set); requireNameId: false makes it optional', async () => {
    const strict: VerifiedLogin | undefined = await verifyResponse(response, base()).catch(() => undefined);
    expect(strict).toBeUndefined();
    const loose = await verifyResponse(response, { ...base(), requireNameId: false });
    // @ts-expect-error nameId may be undefined with requireNameId: false (npm run typecheck enforces this line)
    expect(() => loose.nameId.value).toThrow(TypeError);
  });
});
