import type { DesiredPartner } from '../desired/types.js';
import type { SnapshotFederation, TenantSnapshot } from '../snapshot.js';
import { domainKey, federationKey, pairKey } from './match.js';
import type { BlockedPartner, Change, ListChange, MappingPair, PlanProblem, Unmanaged } from './types.js';

export interface FederationPlan {
  readonly changes: Change[];
  readonly notManaged: Unmanaged[];
  readonly blocked: BlockedPartner[];
  readonly problems: PlanProblem[];
  readonly warnings: string[];
}

const pairs = (list: readonly { AttributeValue: string; GroupName: string }[]): MappingPair[] => list.map((m) => ({ value: m.AttributeValue, group: m.GroupName }));

function diff<T>(want: readonly T[], have: readonly T[], key: (t: T) => string): ListChange<T> | undefined {
  const haveKeys = new Set(have.map(key));
  const wantKeys = new Set(want.map(key));
  const add = want.filter((t) => !haveKeys.has(key(t)));
  const remove = have.filter((t) => !wantKeys.has(key(t)));
  return add.length || remove.length ? { add, remove } : undefined;
}

/**
 * Federations: create those the tenant lacks, update those whose domains, mappings or signing
 * certificates differ (a manifest is the whole truth about its federation), list the others as not
 * managed (deleted only with `prune`, and only when the files name at least one partner).
 * A desired domain held by a federation the files do not name is a problem (the tenant refuses it).
 */
export function planFederations(partners: readonly DesiredPartner[], snapshot: TenantSnapshot, prune: boolean): FederationPlan {
  const out: FederationPlan = { changes: [], notManaged: [], blocked: [], problems: [], warnings: [] };
  const byName = new Map<string, SnapshotFederation>(snapshot.federations.map((f) => [federationKey(f.name), f]));
  const domainOwner = new Map<string, SnapshotFederation>();
  for (const f of snapshot.federations) for (const d of f.domains) domainOwner.set(domainKey(d), f);
  const managed = new Set(partners.map((p) => federationKey(p.name)));
  const creates: Change[] = [];
  const updates: Change[] = [];

  for (const p of partners) {
    if (p.blocked) {
      out.blocked.push({ name: p.name, file: p.file, reason: p.blocked.reason, findings: p.blocked.findings });
      continue;
    }
    const existing = byName.get(federationKey(p.name));
    for (const d of p.domains) {
      const owner = domainOwner.get(domainKey(d));
      if (owner && owner !== existing && !managed.has(federationKey(owner.name))) {
        out.problems.push({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: `domain ${JSON.stringify(d)} of partner ${JSON.stringify(p.name)} (${p.file}) is used by federation ${JSON.stringify(owner.name)}, which the files do not name: the tenant refuses a domain twice` });
      }
    }
    const mappings = pairs(p.mappings);
    if (!existing) {
      creates.push({ kind: 'federation.create', name: p.name, file: p.file, domains: p.domains, mappings, trust: p.trust, signingCertificates: p.signingCertificates, flavour: p.flavour });
      continue;
    }
    const domains = diff(p.domains, existing.domains, domainKey);
    const mappingChange = diff(mappings, pairs(existing.mappings), (m) => pairKey(m.value, m.group));
    const want = p.signingCertificates.map((c) => c.sha1);
    let certificates: { from: readonly string[]; to: readonly string[]; trust: typeof p.trust } | undefined;
    if (existing.signingThumbprints.length === 0) out.warnings.push(`federation ${JSON.stringify(existing.name)}: the tenant reports no signing certificate thumbprints; certificate rollover cannot be checked`);
    else if (diff(want, existing.signingThumbprints, (s) => s.toUpperCase())) certificates = { from: existing.signingThumbprints, to: want, trust: p.trust };
    if (domains || mappingChange || certificates) {
      updates.push({ kind: 'federation.update', name: existing.name, uuid: existing.uuid, file: p.file, ...(domains ? { domains } : {}), ...(mappingChange ? { mappings: mappingChange } : {}), ...(certificates ? { certificates } : {}) });
    }
  }
  // Updates first: one that gives up a domain runs before a create that takes it.
  out.changes.push(...updates, ...creates);

  for (const f of snapshot.federations) {
    if (managed.has(federationKey(f.name))) continue;
    if (prune && partners.length > 0) out.changes.push({ kind: 'federation.delete', name: f.name, uuid: f.uuid });
    else out.notManaged.push({ kind: 'federation', name: f.name, uuid: f.uuid });
  }
  return out;
}
