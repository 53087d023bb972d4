import { describe, expect, it } from 'vitest';
import { planChanges, formatPlanText, snapshotFingerprint, type DesiredPartner, type DesiredState, type TenantSnapshot } from '../../src/onboard/index.js';
import type { PartnerManifest } from '../../src/federation/index.js';
import { codeOf } from '../helpers/errors.js';

const CERT_A = { sha1: 'A'.repeat(40), subject: 'CN=old', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2045-01-01T00:00:00.000Z' };
const CERT_B = { sha1: 'B'.repeat(40), subject: 'CN=new', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2045-01-01T00:00:00.000Z' };

function partner(name: string, over: Partial<DesiredPartner> = {}): DesiredPartner {
  return {
    manifest: { roles: {} } as unknown as PartnerManifest,
    file: `${name}/partner.yaml`,
    name,
    domains: [`${name}.example`],
    mappings: [{ AttributeValue: `${name} Sales`, GroupName: `${name}-Sales` }],
    requireMfa: false,
    flavour: 'adfs',
    signingCertificates: [CERT_A],
    trust: [CERT_A],
    pinned: false,
    sourceSha256: '0',
    ...over,
  };
}

function desired(over: Partial<DesiredState> = {}): DesiredState {
  return { files: [], partners: [partner('acme')], roles: [{ group: 'acme-Sales', role: 'Sales Users' }], digest: 'd', ...over };
}

const empty: TenantSnapshot = { federations: [], globalMappings: [], fdsGroups: [], roles: [] };

/** The tenant state a clean apply of `desired()` leaves. */
const applied: TenantSnapshot = {
  federations: [{ uuid: 'u1', name: 'acme', domains: ['acme.example'], mappings: [{ AttributeValue: 'acme Sales', GroupName: 'acme-Sales' }], signingThumbprints: [CERT_A.sha1] }],
  globalMappings: [],
  fdsGroups: ['acme-Sales'],
  roles: [{ id: 'r1', name: 'Sales Users', groups: [{ id: 'g1', name: 'acme-Sales' }] }],
};

describe('planChanges (pure)', () => {
  it('plans create federation, create role, add member, in that order, on an empty tenant', () => {
    const plan = planChanges(desired(), empty);
    expect(plan.changes.map((c) => c.kind)).toEqual(['federation.create', 'role.create', 'role-member.add']);
    const create = plan.changes[0]!;
    expect(create.kind === 'federation.create' && create.trust[0]!.sha1).toBe(CERT_A.sha1);
  });

  it('plans nothing when the tenant matches, and says "No changes"', () => {
    const plan = planChanges(desired(), applied);
    expect(plan.changes).toEqual([]);
    expect(formatPlanText(plan)).toMatch(/^No changes\. The tenant matches the files\.$/m);
  });

  it('a rolled-over certificate, a new domain and a removed mapping give exactly that update', () => {
    const d = desired({ partners: [partner('acme', { domains: ['acme.example', 'acme2.example'], mappings: [], signingCertificates: [CERT_A, CERT_B], trust: [CERT_B] })], roles: [] });
    const plan = planChanges(d, applied);
    expect(plan.changes).toEqual([
      {
        kind: 'federation.update', name: 'acme', uuid: 'u1', file: 'acme/partner.yaml',
        domains: { add: ['acme2.example'], remove: [] },
        mappings: { add: [], remove: [{ value: 'acme Sales', group: 'acme-Sales' }] },
        certificates: { from: [CERT_A.sha1], to: [CERT_A.sha1, CERT_B.sha1], trust: [CERT_B] },
      },
    ]);
    expect(formatPlanText(plan)).toContain(`~ update federation "acme"`);
  });

  it('lists what the files do not name as not managed, and removes it only with prune', () => {
    const tenant: TenantSnapshot = { ...applied, federations: [...applied.federations, { uuid: 'u2', name: 'legacy', domains: ['legacy.example'], mappings: [], signingThumbprints: [] }], globalMappings: [{ AttributeValue: 'Old', GroupName: 'Old-Group' }], fdsGroups: ['acme-Sales', 'Old-Group'], roles: [{ id: 'r1', name: 'Sales Users', groups: [{ id: 'g1', name: 'acme-Sales' }, { id: 'g2', name: 'Old-Group' }, { id: 'g3', name: 'AD Sales' }] }] };
    const d = desired({ globalMappings: [] });
    const kept = planChanges(d, tenant);
    expect(kept.changes).toEqual([]);
    expect(kept.notManaged).toEqual([
      { kind: 'federation', name: 'legacy', uuid: 'u2' },
      { kind: 'global-mapping', value: 'Old', group: 'Old-Group' },
      { kind: 'role-member', role: 'Sales Users', group: 'Old-Group' },
    ]);
    const pruned = planChanges(d, tenant, { prune: true });
    expect(pruned.changes).toEqual([
      { kind: 'federation.delete', name: 'legacy', uuid: 'u2' },
      { kind: 'global-mapping.remove', value: 'Old', group: 'Old-Group' },
      { kind: 'role-member.remove', role: 'Sales Users', group: 'Old-Group' },
    ]);
  });

  it('global mappings: add, change of group (update), and untouched when the section is absent', () => {
    const tenant: TenantSnapshot = { ...applied, globalMappings: [{ AttributeValue: 'Contractors', GroupName: 'Guests' }] };
    const plan = planChanges(desired({ globalMappings: [{ AttributeValue: 'Contractors', GroupName: 'External' }, { AttributeValue: 'Auditors', GroupName: 'Audit' }] }), tenant);
    expect(plan.changes).toEqual([
      { kind: 'global-mapping.update', value: 'Contractors', from: 'Guests', group: 'External' },
      { kind: 'global-mapping.add', value: 'Auditors', group: 'Audit' },
    ]);
    expect(planChanges(desired(), tenant).notManaged).toEqual([]);
  });

  it('a blocked partner is reported, not planned; a domain held by an unmanaged federation is a problem', () => {
    const blocked = partner('acme', { blocked: { reason: 'lint', findings: [{ ruleId: 'no-sso-endpoint', severity: 'error', message: 'x' }] } });
    const plan = planChanges(desired({ partners: [blocked] }), empty);
    expect(plan.blocked.map((b) => b.name)).toEqual(['acme']);
    expect(plan.changes.map((c) => c.kind)).toEqual(['role.create']);
    expect(plan.problems).toEqual([]);
    const taken: TenantSnapshot = { ...empty, federations: [{ uuid: 'x', name: 'other', domains: ['ACME.example'], mappings: [], signingThumbprints: [] }] };
    expect(planChanges(desired(), taken).problems.map((p) => p.code)).toEqual(['ERR_ONBOARD_TENANT_CONFLICT']);
  });

  it('MFA: enables FederatedLoginAllowsMfa when a partner requires it; no policy is a problem', () => {
    const d = desired({ mfa: { enabled: true, requiredBy: ['acme'] } });
    expect(planChanges(d, { ...applied, policy: { path: '/Policy/Default Policy', federatedLoginAllowsMfa: false, revStamp: '1' } }).changes).toEqual([
      { kind: 'policy.mfa', policy: '/Policy/Default Policy', from: false, to: true, requiredBy: ['acme'] },
    ]);
    expect(planChanges(d, { ...applied, policy: { path: '/Policy/P', federatedLoginAllowsMfa: true, revStamp: '1' } }).changes).toEqual([]);
    expect(planChanges(d, applied).problems.map((p) => p.code)).toEqual(['ERR_ONBOARD_TENANT_CONFLICT']);
  });

  it('the customer tenant comes first and only when no tenant has its company name', () => {
    const ct = { company: 'Acme Co', region: 'Europe', alias: 'acme-co.example', loginSuffixes: [], adminUser: 'admin', contact: 'admin@acme-co.example' };
    expect(planChanges(desired({ customerTenant: ct }), { ...empty, customerTenants: [] }).changes[0]).toEqual({ kind: 'customer-tenant.create', tenant: ct });
    expect(planChanges(desired({ customerTenant: ct }), { ...applied, customerTenants: [{ id: 'AAX1', company: 'acme co' }] }).changes).toEqual([]);
  });

  it('a group no mapping creates and the tenant lacks cannot join a role (problem)', () => {
    const plan = planChanges(desired({ roles: [{ group: 'Nobody', role: 'R' }] }), empty);
    expect(plan.problems[0]?.message).toMatch(/"Nobody"/);
  });

  it('the fingerprint ignores order and changes with the state', () => {
    const a = snapshotFingerprint(applied);
    expect(snapshotFingerprint({ ...applied, fdsGroups: [...applied.fdsGroups].reverse(), tenantUrl: 'http://x' })).toBe(a);
    expect(snapshotFingerprint({ ...applied, globalMappings: [{ AttributeValue: 'v', GroupName: 'g' }] })).not.toBe(a);
  });
});

describe('readPlanDocument', () => {
  it('refuses what is not a samlfed plan with ERR_ONBOARD_PLAN_INVALID', async () => {
    const { readPlanDocument } = await import('../../src/onboard/index.js');
    const good = { format: 'samlfed-onboard-plan', version: 1, createdAt: '2026-06-15T00:00:00.000Z', fingerprint: 'a'.repeat(64), desiredDigest: 'b'.repeat(64), paths: ['/x/partner.yaml'], prune: false, changes: [] };
    expect(readPlanDocument(JSON.stringify(good)).fingerprint).toBe('a'.repeat(64));
    for (const bad of ['not json', '[]', JSON.stringify({ ...good, version: 2 }), JSON.stringify({ ...good, format: 'terraform' }), JSON.stringify({ ...good, paths: [] }), JSON.stringify({ ...good, fingerprint: 'x y' })]) {
      expect(codeOf(() => readPlanDocument(bad))).toBe('ERR_ONBOARD_PLAN_INVALID');
    }
  });
});
