import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, resolveHostGroups, rolesForHostGroups, type GroupMapping } from '../../src/federation/index.js';
import { parseGlobalGroupMappings } from '../../src/tenant/readers.js';

const EXAMPLES = resolve(__dirname, '../../examples');
const partner = { 'Sales Managers': 'Mgrs-Sales', SalesTeamManagers: 'Mgrs-Sales', Contractors: 'Partner-Guests' };
const global: GroupMapping[] = [
  { AttributeValue: 'Contractors', GroupName: 'External-Contractors' },
  { AttributeValue: 'Auditors', GroupName: 'External-Auditors' },
];

describe('resolveHostGroups', () => {
  it('partner mapping wins over a global one for the same value, and the conflict is reported', () => {
    const r = resolveHostGroups(['Contractors'], partner, global);
    expect(r.hostGroups).toEqual(['Partner-Guests']);
    expect(r.matches).toEqual([{ value: 'Contractors', group: 'Partner-Guests', source: 'partner' }]);
    expect(r.conflicts).toEqual([{ value: 'Contractors', partnerGroup: 'Partner-Guests', globalGroup: 'External-Contractors', chosen: 'partner' }]);
    expect(r.unmapped).toEqual([]);
  });

  it('same group in both tables is no conflict', () => {
    const r = resolveHostGroups(['Contractors'], { Contractors: 'External-Contractors' }, global);
    expect(r.conflicts).toEqual([]);
    expect(r.matches).toEqual([{ value: 'Contractors', group: 'External-Contractors', source: 'partner' }]);
  });

  it('multi-valued input: partner, global and unmapped values together; order of first match', () => {
    const r = resolveHostGroups(['Auditors', 'Domain Users', 'Sales Managers', 'SalesTeamManagers'], partner, global);
    expect(r.hostGroups).toEqual(['External-Auditors', 'Mgrs-Sales']);
    expect(r.matches).toEqual([
      { value: 'Auditors', group: 'External-Auditors', source: 'global' },
      { value: 'Sales Managers', group: 'Mgrs-Sales', source: 'partner' },
      { value: 'SalesTeamManagers', group: 'Mgrs-Sales', source: 'partner' },
    ]);
    expect(r.unmapped).toEqual(['Domain Users']);
  });

  it('exact, case-sensitive matching by default', () => {
    const r = resolveHostGroups(['sales managers', 'AUDITORS', 'Sales Managers '], partner, global);
    expect(r.hostGroups).toEqual([]);
    expect(r.unmapped).toEqual(['sales managers', 'AUDITORS', 'Sales Managers ']);
  });

  it('case-insensitive option', () => {
    const r = resolveHostGroups(['sales managers', 'AUDITORS', 'contractors'], partner, global, { caseInsensitive: true });
    expect(r.hostGroups).toEqual(['Mgrs-Sales', 'External-Auditors', 'Partner-Guests']);
    expect(r.matches.map((m) => m.value)).toEqual(['sales managers', 'AUDITORS', 'contractors']);
    expect(r.conflicts).toEqual([{ value: 'contractors', partnerGroup: 'Partner-Guests', globalGroup: 'External-Contractors', chosen: 'partner' }]);
  });

  it('empty input', () => {
    expect(resolveHostGroups([], partner, global)).toEqual({ hostGroups: [], matches: [], unmapped: [], conflicts: [] });
  });

  it('duplicate input values are processed once', () => {
    const r = resolveHostGroups(['Sales Managers', 'Nobody', 'Sales Managers', 'Nobody'], partner, global);
    expect(r.matches).toHaveLength(1);
    expect(r.unmapped).toEqual(['Nobody']);
  });

  it('no global mappings, no partner mappings', () => {
    expect(resolveHostGroups(['Auditors'], undefined, undefined).unmapped).toEqual(['Auditors']);
    expect(resolveHostGroups(['Auditors'], [], global).hostGroups).toEqual(['External-Auditors']);
  });

  it('prototype keys are ordinary values', () => {
    const r = resolveHostGroups(['__proto__', 'constructor', 'toString'], { constructor: 'G1' }, []);
    expect(r.hostGroups).toEqual(['G1']);
    expect(r.unmapped).toEqual(['__proto__', 'toString']);
  });

  it('caller mistakes are TypeErrors', () => {
    expect(() => resolveHostGroups('Sales' as unknown as string[], partner, global)).toThrow(TypeError);
    expect(() => resolveHostGroups([1 as unknown as string], partner, global)).toThrow(TypeError);
  });

  it('works on the examples: AD FS partner + global mappings', async () => {
    const m = await loadManifest(join(EXAMPLES, 'adfs-partner/partner.yaml'));
    const g = parseGlobalGroupMappings(readFileSync(join(EXAMPLES, 'global-mappings.json'), 'utf8'));
    const r = resolveHostGroups(['Sales Managers', 'Contractors', 'Auditors'], m.mappings, g);
    expect(r.hostGroups).toEqual(['Mgrs-Sales', 'Partner-Guests', 'External-Auditors']);
    expect(r.conflicts.map((c) => c.value)).toEqual(['Contractors']);
    expect(rolesForHostGroups(r.hostGroups, m.roles)).toEqual({
      roles: ['Sales Portal Users', 'Sales Reports', 'Guest Portal Users'],
      byGroup: [
        { group: 'Mgrs-Sales', roles: ['Sales Portal Users', 'Sales Reports'] },
        { group: 'Partner-Guests', roles: ['Guest Portal Users'] },
        { group: 'External-Auditors', roles: [] },
      ],
      groupsWithoutRoles: ['External-Auditors'],
    });
  });
});

describe('rolesForHostGroups', () => {
  it('deduplicates roles and tolerates missing roles table', () => {
    const roles = Object.assign(Object.create(null), { A: ['R1', 'R2'], B: ['R2', 'R3'] }) as Record<string, string[]>;
    expect(rolesForHostGroups(['A', 'B'], roles).roles).toEqual(['R1', 'R2', 'R3']);
    expect(rolesForHostGroups(['A'], undefined)).toEqual({ roles: [], byGroup: [{ group: 'A', roles: [] }], groupsWithoutRoles: ['A'] });
    expect(rolesForHostGroups(['toString'], {}).groupsWithoutRoles).toEqual(['toString']);
  });
});
