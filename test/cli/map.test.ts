import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ROOT = resolve(__dirname, '../..');
const ADFS = 'examples/adfs-partner/partner.yaml';
const GLOBAL = 'examples/global-mappings.json';

describe('samlfed map', () => {
  it('json: hostGroups, matches, unmapped, conflicts', async () => {
    const r = await cli(['map', '--partner', ADFS, '--global', GLOBAL, '--format', 'json', 'Sales Managers', 'Contractors', 'Auditors', 'Domain Users'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      partner: 'acmeco',
      groupAttribute: 'http://schemas.xmlsoap.org/claims/Group',
      hostGroups: ['Mgrs-Sales', 'Partner-Guests', 'External-Auditors'],
      // Issue 11 defect 9: the roles the text shows are in the JSON too.
      roles: ['Sales Portal Users', 'Sales Reports', 'Guest Portal Users'],
      rolesByHostGroup: [
        { group: 'Mgrs-Sales', roles: ['Sales Portal Users', 'Sales Reports'] },
        { group: 'Partner-Guests', roles: ['Guest Portal Users'] },
        { group: 'External-Auditors', roles: [] },
      ],
      hostGroupsWithoutRoles: ['External-Auditors'],
      matches: [
        { value: 'Sales Managers', group: 'Mgrs-Sales', source: 'partner' },
        { value: 'Contractors', group: 'Partner-Guests', source: 'partner' },
        { value: 'Auditors', group: 'External-Auditors', source: 'global' },
      ],
      unmapped: ['Domain Users'],
      conflicts: [{ value: 'Contractors', partnerGroup: 'Partner-Guests', globalGroup: 'External-Contractors', chosen: 'partner' }],
    });
  });

  it('text: matches, conflicts, host groups and roles from the manifest', async () => {
    const r = await cli(['map', '--partner', ADFS, '--global', GLOBAL, 'Sales Managers', 'Contractors', 'Nobody'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"Sales Managers" -> Mgrs-Sales (partner mapping)');
    expect(r.stdout).toContain('"Nobody" -> (unmapped)');
    expect(r.stdout).toContain('conflict: "Contractors" is mapped to Partner-Guests by the partner and to External-Contractors globally; the partner mapping wins');
    expect(r.stdout).toContain('host groups: Mgrs-Sales, Partner-Guests');
    expect(r.stdout).toContain('roles: Sales Portal Users, Sales Reports, Guest Portal Users');
  });

  it('global mappings from a GetGlobalFederationSettings file; case-insensitive option', async () => {
    const r = await cli(['map', '--partner', ADFS, '--global', 'examples/global-settings.json', '--case-insensitive', '--format', 'json', 'auditors'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).hostGroups).toEqual(['External-Auditors']);
  });

  it('no values: empty result, exit 0', async () => {
    const r = await cli(['map', '--partner', ADFS, '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ hostGroups: [], roles: [], matches: [], unmapped: [], conflicts: [] });
  });

  it('invalid global mappings: exit 1', async () => {
    const r = await cli(['map', '--partner', ADFS, '--global', ADFS, 'x'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_PAYLOAD_MAPPINGS_INVALID');
  });

  it('usage and unreadable input: exit 2', async () => {
    expect((await cli(['map', 'x'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['map', '--partner', 'nope.yaml', 'x'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['map', '--partner', ADFS, '--format', 'csv'], { cwd: ROOT })).code).toBe(2);
    const h = await cli(['map', '--help']);
    expect([h.code, h.stdout.startsWith('Usage: samlfed map')]).toEqual([0, true]);
  });
});
