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
    expect(s.SPMetadataUrl).toBe('https://host.my.idaptive.app/saasManage/DownloadSPMetadata?customerId=AAA1234');
    expect(s.SPAutnenticationResponseUrl).toMatch(/^https:\/\//);
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
