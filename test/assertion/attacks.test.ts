/**
 * Every attack fixture in test/fixtures/responses/attack.*.xml is rejected with its specific
 * error code, and none ever yields a login for the attacker's NameID.
 * XSW1–XSW8: Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be" (USENIX
 * Security 2012), as SAML Raider builds them (see scripts/fixtures/responses.ts).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyResponse } from '../../src/assertion/verify.js';
import type { VerifyOptions } from '../../src/assertion/types.js';
import { isSamlfedError } from '../../src/errors.js';
import { InMemoryReplayCache } from '../../src/assertion/replay.js';
import { ATTACKER_NAMEID, IDP_EXPLICIT, NOW, RESPONSES, fixture, freshReplayCache, options } from './fixtures.js';

/** The most precise code the verifier gives for each attack. */
const EXPECTED: Record<string, string> = {
  // Response-signature wrapping: the copied original Response carries the same assertion ID.
  xsw1: 'ERR_XML_DUPLICATE_ID',
  xsw2: 'ERR_XML_DUPLICATE_ID',
  // Assertion-signature wrapping with a second assertion under a new ID.
  xsw3: 'ERR_RESPONSE_ASSERTION_COUNT',
  xsw4: 'ERR_RESPONSE_ASSERTION_COUNT',
  xsw5: 'ERR_RESPONSE_ASSERTION_COUNT',
  xsw6: 'ERR_RESPONSE_ASSERTION_COUNT',
  // The evil copy keeps the original ID.
  xsw7: 'ERR_XML_DUPLICATE_ID',
  xsw8: 'ERR_XML_DUPLICATE_ID',
  'signature-removed': 'ERR_ASSERTION_UNSIGNED',
  'resigned-attacker-key-in-keyinfo': 'ERR_SIGNATURE_INVALID',
  'signed-with-idp-encryption-key': 'ERR_SIGNATURE_INVALID',
  'comment-before-digestvalue': 'ERR_SIGNATURE_DIGEST_MISMATCH',
  'two-signedinfo': 'ERR_SIGNATURE_STRUCTURE',
  'hmac-with-public-cert': 'ERR_SIGNATURE_ALGORITHM_FORBIDDEN',
  'reference-uri-empty': 'ERR_SIGNATURE_REFERENCE_URI',
  'reference-uri-elsewhere': 'ERR_SIGNATURE_REFERENCE_URI',
  'duplicate-ids': 'ERR_XML_DUPLICATE_ID',
  'doctype-internal-entity': 'ERR_XML_DOCTYPE',
  'external-entity': 'ERR_XML_DOCTYPE',
  'billion-laughs': 'ERR_XML_DOCTYPE',
  'multiple-roots': 'ERR_XML_MULTIPLE_ROOTS',
  'ds-object-carrying-assertion': 'ERR_RESPONSE_ASSERTION_COUNT',
  'wrong-audience': 'ERR_ASSERTION_AUDIENCE_MISMATCH',
  'wrong-destination': 'ERR_RESPONSE_DESTINATION_MISMATCH',
  'wrong-recipient': 'ERR_ASSERTION_RECIPIENT_MISMATCH',
  expired: 'ERR_ASSERTION_EXPIRED',
  'not-yet-valid': 'ERR_ASSERTION_NOT_YET_VALID',
  'subject-confirmation-expired': 'ERR_ASSERTION_SUBJECT_EXPIRED',
  'no-bearer-confirmation': 'ERR_ASSERTION_NO_BEARER_CONFIRMATION',
  'status-not-success': 'ERR_RESPONSE_STATUS',
  'wrong-issuer-assertion': 'ERR_ASSERTION_ISSUER_MISMATCH',
  'wrong-issuer-response': 'ERR_RESPONSE_ISSUER_MISMATCH',
  'second-unsigned-assertion': 'ERR_RESPONSE_ASSERTION_COUNT',
  'sha1-signature': 'ERR_SIGNATURE_SHA1',
  // IdP-signed but schema-invalid: readers that take "the first" and "the last" disagree.
  'two-nameids': 'ERR_ASSERTION_SUBJECT_MULTIPLE',
  'two-subjects': 'ERR_ASSERTION_SUBJECT_MULTIPLE',
  'two-status': 'ERR_RESPONSE_STATUS',
  // &#xD800; hashes (as UTF-8) like the signed &#xFFFD;: refused by the XML 1.0 Char check.
  'lone-surrogate-charref': 'ERR_XML_MALFORMED',
};

/** Valid on first delivery; the test replays them. */
const REPLAYS = ['replay', 'replay-later-confirmation'];

async function codeOf(file: string, overrides: Partial<VerifyOptions> = {}): Promise<string> {
  try {
    const login = await verifyResponse(fixture(file), options(overrides));
    return `ACCEPTED as ${login.nameId.value}`;
  } catch (e) {
    if (isSamlfedError(e)) return e.code;
    throw e;
  }
}

describe('attack fixtures are rejected with their specific code', () => {
  for (const [name, code] of Object.entries(EXPECTED)) {
    it(`attack.${name}.xml → ${code}`, async () => {
      expect(await codeOf(`attack.${name}.xml`)).toBe(code);
    });
  }

  it('every attack fixture on disk has a named expectation (plus replay)', () => {
    const onDisk = readdirSync(RESPONSES)
      .filter((f) => f.startsWith('attack.'))
      .map((f) => f.slice('attack.'.length, -'.xml'.length))
      .sort();
    expect(onDisk).toEqual([...Object.keys(EXPECTED), ...REPLAYS].sort());
  });

  it('attack.status-not-success.xml reports the status code, sub-code and message', async () => {
    const err = await verifyResponse(fixture('attack.status-not-success.xml'), options()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_RESPONSE_STATUS' });
    expect(String((err as Error).message)).toContain('urn:oasis:names:tc:SAML:2.0:status:Requester');
    expect(String((err as Error).message)).toContain('urn:oasis:names:tc:SAML:2.0:status:RequestDenied');
    expect(String((err as Error).message)).toContain('User is not assigned to this application');
  });

  it('attack.sha1-signature.xml is accepted with allowSha1, with a warning', async () => {
    const login = await verifyResponse(fixture('attack.sha1-signature.xml'), options({ allowSha1: true }));
    expect(login.nameId.value).toBe('alice@partner.example');
    expect(login.warnings.length).toBeGreaterThan(0);
    expect(login.warnings.join('\n')).toMatch(/SHA-1/i);
  });

  it('attack.replay.xml: the same valid response twice, the second is ERR_ASSERTION_REPLAYED', async () => {
    const replayCache = freshReplayCache();
    const login = await verifyResponse(fixture('attack.replay.xml'), options({ replayCache }));
    expect(login.assertionId).toBe('_assert-replay');
    await expect(verifyResponse(fixture('attack.replay.xml'), options({ replayCache }))).rejects.toMatchObject({ code: 'ERR_ASSERTION_REPLAYED' });
  });

  it('attack.replay-later-confirmation.xml: replayed 20 min later, when only the second bearer confirmation still qualifies → ERR_ASSERTION_REPLAYED', async () => {
    const replayCache = new InMemoryReplayCache();
    const later = new Date(NOW.getTime() + 20 * 60_000);
    await expect(verifyResponse(fixture('attack.replay-later-confirmation.xml'), options({ replayCache }))).resolves.toMatchObject({
      subjectNotOnOrAfter: new Date('2026-06-15T12:05:00Z'),
    });
    // Before the fix the entry expired with the first confirmation (12:08 with skew) and this passed.
    await expect(verifyResponse(fixture('attack.replay-later-confirmation.xml'), options({ replayCache, now: later }))).rejects.toMatchObject({ code: 'ERR_ASSERTION_REPLAYED' });
  });

  it('attack.lone-surrogate-charref.xml: the original (&#xFFFD;) verifies; the surrogate rewrite does not', async () => {
    const original = fixture('attack.lone-surrogate-charref.xml').replace('&#xD800;</saml:NameID>', '&#xFFFD;</saml:NameID>');
    await expect(verifyResponse(original, options())).resolves.toMatchObject({ nameId: { value: 'alice@partner.example\uFFFD' } });
    const err = await verifyResponse(fixture('attack.lone-surrogate-charref.xml'), options()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_XML_MALFORMED' });
    expect(String((err as Error).message)).toContain('&#xD800;');
  });

  it('attack.replay.xml: a rejected response is not recorded (a later valid delivery still passes)', async () => {
    const replayCache = freshReplayCache();
    await expect(verifyResponse(fixture('attack.replay.xml'), options({ replayCache, now: new Date('2026-06-15T13:00:00Z') }))).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_ASSERTION_(SUBJECT_)?EXPIRED$/),
    });
    await expect(verifyResponse(fixture('attack.replay.xml'), options({ replayCache }))).resolves.toMatchObject({ assertionId: '_assert-replay' });
  });
});

describe('no attack ever logs in the attacker', () => {
  const attackFiles = readdirSync(RESPONSES).filter((f) => f.startsWith('attack.'));
  // Lax-but-legal settings: SHA-1 allowed, explicit trust, IdP-initiated (no requestId), large skew.
  const variants: Array<[string, Partial<VerifyOptions>]> = [
    ['defaults', {}],
    ['allowSha1', { allowSha1: true }],
    ['explicit idp', { idp: IDP_EXPLICIT }],
    ['IdP-initiated, 1h skew', { requestId: undefined, clockSkewSeconds: 3600 }],
  ];
  for (const [label, overrides] of variants) {
    it(`with ${label}`, async () => {
      for (const f of attackFiles) {
        let nameId: string | undefined;
        try {
          nameId = (await verifyResponse(fixture(f), options(overrides))).nameId.value;
        } catch (e) {
          if (!isSamlfedError(e)) throw new Error(`${f}: threw a non-samlfed error: ${String(e)}`);
        }
        expect.soft(nameId, f).not.toBe(ATTACKER_NAMEID);
      }
    });
  }

  it('XSW1–XSW8 are rejected under every variant', async () => {
    for (const [label, overrides] of variants) {
      for (let i = 1; i <= 8; i++) {
        const code = await codeOf(`attack.xsw${i}.xml`, overrides);
        expect.soft(code, `xsw${i} with ${label}`).toMatch(/^ERR_/);
      }
    }
  });
});
