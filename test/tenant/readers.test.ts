import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PayloadError } from '../../src/federation/index.js';
import { buildGlobalMappingCallBodies, buildUpdateGlobalMappingsBody, parseGlobalFederationSettings, parseGlobalGroupMappings, readGlobalMappings } from '../../src/tenant/readers.js';

const EXAMPLES = resolve(__dirname, '../../examples');
const envelope = (Result: unknown, success = true, Message: string | null = null) => ({ success, Result, Message, MessageID: null, Exception: null, ErrorID: null, ErrorCode: null, IsSoftError: false, InnerExceptions: null });

describe('parseGlobalFederationSettings', () => {
  it('reads the example envelope with the tenant field names', () => {
    const s = parseGlobalFederationSettings(readFileSync(join(EXAMPLES, 'global-settings.json'), 'utf8'));
    expect(s.SPMetadataUrl).toBe('https://aaa1234.my.idaptive.app/Federation/federationmetadata?FederationType=SAML%202.0');
    expect(s.SPAutnenticationResponseUrl).toBe('https://aaa1234.my.idaptive.app/My');
    expect(s.SPSigningCertificateSubject).toBe('CN=Centrify Customer AAA1234 Application Signing Certificate');
    expect(s.GlobalMappings).toEqual([
      { AttributeValue: 'Contractors', GroupName: 'External-Contractors' },
      { AttributeValue: 'Auditors', GroupName: 'External-Auditors' },
    ]);
    expect(s.other).toEqual({});
  });

  it('accepts the bare Result and keeps unknown fields; GlobalMappings as an object map', () => {
    const s = parseGlobalFederationSettings({ SPMetadataUrl: 'https://h.example/md', NewThing: 3, GlobalMappings: { A: 'G' } });
    expect(s.other).toEqual({ NewThing: 3 });
    expect(s.GlobalMappings).toEqual([{ AttributeValue: 'A', GroupName: 'G' }]);
    expect(s.SPAutnenticationResponseUrl).toBeUndefined();
  });

  it('errors with codes', () => {
    expect(() => parseGlobalFederationSettings('{')).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID' }));
    expect(() => parseGlobalFederationSettings('[]')).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID' }));
    expect(() => parseGlobalFederationSettings({ SPMetadataUrl: 'http://h.example/md' })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID', expected: 'https URL' }));
    expect(() => parseGlobalFederationSettings({ SPSigningCertificateSubject: 5 })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID' }));
    expect(() => parseGlobalFederationSettings({ GlobalMappings: [{ AttributeValue: 'A' }] })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID' }));
    expect(() => parseGlobalFederationSettings(envelope(null, false, 'Not authorized'))).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_TENANT_ERROR' }));
  });
});

describe('parseGlobalFederationSettings on the documented responses, verbatim (tenant-api.md §3.2)', () => {
  const FIX = resolve(__dirname, 'fixtures');
  it('reads GlobalMappings as single-key objects and every documented field', () => {
    const s = parseGlobalFederationSettings(readFileSync(join(FIX, 'get-global-federation-settings.json'), 'utf8'));
    expect(s.GlobalMappings).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect(s).toMatchObject({
      SPAutnenticationResponseUrl: 'https://mytenant.centrify.com/My',
      SPMetadataUrl: 'https://mytenant.centrify.com/Federation/federationmetadata?FederationType=SAML%202.0',
      SPSigningCertificateCAExpires: '1/1/2039 12:00:00 AM',
      SPSigningCertificateCASubject: 'CN=Centrify Customer mytenant',
      SPSigningCertificateCAThumbprint: '5135A...',
      SPSigningCertificateCAUrl: 'https://mytenant.centrify.com/Federation/SPSigningCertificateAuthority',
      SPSigningCertificateExpires: '1/1/2039 12:00:00 AM',
      SPSigningCertificateSubject: 'CN=Centrify Customer mytenant Application Signing Certificate',
      SPSigningCertificateThumbprint: '9AF288490...',
      SPSigningCertificateUrl: 'https://mytenant.centrify.com/Federation/SPSigningCertificate',
      IDPEndpointUrl: 'https://mytenant.centrify.com',
      SPLogoutUrl: 'https://mytenant.centrify.com/Security/Logout',
      SPLogoutReturnUrl: 'https://mytenant.centrify.com/My',
    });
    expect(s.RequestedAttributes).toEqual(['Description', 'DisplayName', 'EmailAddress', 'Group', 'HomeNumber', 'LoginName', 'MobileNumber', 'Name', 'OfficeNumber', 'Photo', 'UserPrincipalName']);
    expect(s.other).toEqual({});
    expect('SPEntityId' in s).toBe(false);
  });

  it('reads the second documented response, and readGlobalMappings takes it too', () => {
    const text = readFileSync(join(FIX, 'get-global-federation-settings.2.json'), 'utf8');
    expect(parseGlobalFederationSettings(text).SPSigningCertificateCASubject).toBe('CN=Centrify Customer AAH0191');
    expect(readGlobalMappings(text)).toEqual([{ AttributeValue: 'Team', GroupName: 'AcmeB2B' }]);
  });

  it('keeps the other GlobalMappings shapes; refuses a multi-key object and a non-string group', () => {
    expect(parseGlobalFederationSettings({ GlobalMappings: [{ A: 'G1' }, { AttributeValue: 'B', GroupName: 'G2' }] }).GlobalMappings).toEqual([{ AttributeValue: 'A', GroupName: 'G1' }, { AttributeValue: 'B', GroupName: 'G2' }]);
    expect(() => parseGlobalFederationSettings({ GlobalMappings: [{ A: 'G1', B: 'G2' }] })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID', message: expect.stringContaining('GlobalMappings[0]') }));
    expect(() => parseGlobalFederationSettings({ GlobalMappings: [{ A: 5 }] })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID', message: expect.stringContaining('GlobalMappings[0]["A"]') }));
    expect(() => parseGlobalFederationSettings({ RequestedAttributes: ['A', 1] })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID', expected: 'string[]' }));
    expect(() => parseGlobalFederationSettings({ SPLogoutUrl: 'ftp://h.example/x' })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID', expected: 'https URL' }));
  });

  it('accepts http only for a loopback host (the local sandbox) and keeps an undocumented SPEntityId in other', () => {
    const s = parseGlobalFederationSettings({ SPMetadataUrl: 'http://127.0.0.1:4000/Federation/federationmetadata?FederationType=SAML%202.0', SPEntityId: 'x' });
    expect(s.SPMetadataUrl).toBe('http://127.0.0.1:4000/Federation/federationmetadata?FederationType=SAML%202.0');
    expect(s.other).toEqual({ SPEntityId: 'x' });
  });
});

describe('global group mappings bodies', () => {
  it('parses GetGlobalGroupAssertionMappings: envelope or Result', () => {
    const list = parseGlobalGroupMappings(readFileSync(join(EXAMPLES, 'global-mappings.json'), 'utf8'));
    expect(list[0]).toEqual({ AttributeValue: 'Contractors', GroupName: 'External-Contractors' });
    expect(parseGlobalGroupMappings({ Mappings: [] })).toEqual([]);
    expect(parseGlobalGroupMappings(envelope({ Mappings: null }))).toEqual([]);
  });

  it('validates shapes', () => {
    for (const bad of [{ Mappings: {} }, { Mappings: [{ AttributeValue: 'A', GroupName: '' }] }, { Mappings: ['A'] }, envelope([], true)]) {
      let err: unknown;
      try {
        parseGlobalGroupMappings(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PayloadError);
      expect((err as PayloadError).code).toBe('ERR_PAYLOAD_MAPPINGS_INVALID');
    }
    expect(() => parseGlobalGroupMappings(envelope(null, false, 'Session expired'))).toThrow(/Session expired/);
  });

  it('Add/Delete take one {value: group} body per mapping', () => {
    expect(buildGlobalMappingCallBodies([{ AttributeValue: 'Contractors', GroupName: 'External-Contractors' }, { AttributeValue: '__proto__', GroupName: 'G' }])).toEqual([{ Contractors: 'External-Contractors' }, JSON.parse('{"__proto__":"G"}')]);
    expect(JSON.stringify(buildGlobalMappingCallBodies([{ AttributeValue: '__proto__', GroupName: 'G' }])[0])).toBe('{"__proto__":"G"}');
  });

  it('Update takes the whole list and refuses duplicate values', () => {
    expect(buildUpdateGlobalMappingsBody([{ AttributeValue: 'A', GroupName: 'G' }])).toEqual({ Mappings: [{ AttributeValue: 'A', GroupName: 'G' }] });
    expect(() => buildUpdateGlobalMappingsBody([{ AttributeValue: 'A', GroupName: 'G' }, { AttributeValue: 'A', GroupName: 'H' }])).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_MAPPINGS_INVALID' }));
  });

  it('readGlobalMappings reads either response: GetGlobalGroupAssertionMappings or GetGlobalFederationSettings', () => {
    const fromMappings = readGlobalMappings(readFileSync(join(EXAMPLES, 'global-mappings.json'), 'utf8'));
    const fromSettings = readGlobalMappings(readFileSync(join(EXAMPLES, 'global-settings.json'), 'utf8'));
    expect(fromMappings.map((m) => m.AttributeValue)).toEqual(['Contractors', 'Auditors', 'Globex Support Engineers']);
    expect(fromSettings).toEqual([{ AttributeValue: 'Contractors', GroupName: 'External-Contractors' }, { AttributeValue: 'Auditors', GroupName: 'External-Auditors' }]);
    expect(readGlobalMappings({ GlobalMappings: { A: 'G' } })).toEqual([{ AttributeValue: 'A', GroupName: 'G' }]);
    expect(() => readGlobalMappings({ GlobalMappings: 5 })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_SETTINGS_INVALID' }));
    expect(() => readGlobalMappings({ Other: 1 })).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_MAPPINGS_INVALID' }));
  });

  it('Update names the repeated value: expected each once, found it twice', () => {
    expect(() => buildUpdateGlobalMappingsBody([{ AttributeValue: 'A', GroupName: 'G' }, { AttributeValue: 'A', GroupName: 'H' }])).toThrow('mappings: expected each attribute value once (the tenant keeps one group per value), found "A" twice');
  });
});
