import type { TenantClient } from '../../tenant/client-types.js';
import type { GlobalFederationSettings } from '../../tenant/read/settings.js';
import { buildCreateFederationPayload } from '../deps.js';
import type { LoadedPartner } from '../desired/partner.js';
import { OnboardError } from '../errors.js';
import { domainKey, federationKey, pairKey } from '../plan/match.js';
import type { Change } from '../plan/types.js';
import { toSnapshotFederation } from '../read.js';
import type { SnapshotFederation } from '../snapshot.js';
import type { StepSpec } from './reconcile.js';

/** What a federation step needs besides the client. */
export interface FederationStepContext {
  readonly client: TenantClient;
  readonly partners: readonly LoadedPartner[];
  readonly settings: () => Promise<GlobalFederationSettings>;
  readonly now: Date;
  /** Called with the request about to be sent (for `--dry-run` and the request log). */
  readonly onPayload?: (summary: { name: string; update: boolean; fields: readonly unknown[]; contentType: string; bytes: number }) => void;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/** True when the tenant's federation matches the partner: domains, mappings, signing certificates. */
export function federationMatches(f: SnapshotFederation, p: LoadedPartner): boolean {
  return sameSet(f.domains.map(domainKey), p.domains.map(domainKey)) &&
    sameSet(f.mappings.map((m) => pairKey(m.AttributeValue, m.GroupName)), p.mappings.map((m) => pairKey(m.AttributeValue, m.GroupName))) &&
    (f.signingThumbprints.length === 0 || sameSet(f.signingThumbprints, p.signingCertificates.map((c) => c.sha1)));
}

async function payload(ctx: FederationStepContext, p: LoadedPartner, uuid: string | undefined) {
  // The gate chose the certificate to trust: pin it so the payload names that one (not the first listed).
  const manifest = { ...p.manifest, expectedThumbprint: p.trust[0]?.sha1 ?? p.manifest.expectedThumbprint };
  const bytes = p.sourceBytes;
  const built = await buildCreateFederationPayload(manifest, { settings: await ctx.settings(), now: ctx.now, force: true, ...(uuid ? { federationUuid: uuid } : {}), fetch: async () => bytes });
  ctx.onPayload?.({ name: p.name, update: uuid !== undefined, fields: built.fields, contentType: built.contentType, bytes: built.body.length });
  return { body: built.body, contentType: built.contentType, fields: built.fields };
}

/**
 * Create or update one federation. The state read before every write is the tenant's whole
 * federation list: a federation with the partner's name is updated (never created twice), one
 * already matching is left alone, and a domain held by another federation stops the step.
 */
export function federationStep(change: Extract<Change, { kind: 'federation.create' | 'federation.update' }>, ctx: FederationStepContext): StepSpec<readonly SnapshotFederation[]> {
  const p = ctx.partners.find((x) => federationKey(x.name) === federationKey(change.name));
  if (!p) throw new TypeError(`applyPlan: no partner named ${JSON.stringify(change.name)} in the desired state`);
  const mine = (all: readonly SnapshotFederation[]) => all.find((f) => federationKey(f.name) === federationKey(p.name));
  return {
    label: `${change.kind === 'federation.create' ? 'create' : 'update'} federation ${JSON.stringify(p.name)}`,
    read: async () => (await ctx.client.getFederations()).map(toSnapshotFederation),
    isDone: (all) => {
      const f = mine(all);
      return f !== undefined && federationMatches(f, p);
    },
    write: async (all) => {
      const existing = mine(all);
      for (const d of p.domains) {
        const owner = all.find((f) => f !== existing && f.domains.some((x) => domainKey(x) === domainKey(d)));
        if (owner) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `domain ${JSON.stringify(d)} of partner ${JSON.stringify(p.name)} is used by federation ${JSON.stringify(owner.name)}`, { files: [p.file] });
      }
      if (existing) await ctx.client.updateFederation(await payload(ctx, p, existing.uuid));
      else await ctx.client.createFederation(await payload(ctx, p, undefined));
    },
  };
}

/** Delete a federation the files no longer name (`--prune`; the delete endpoint is unverified, tenant-api.md §3.6). */
export function federationDeleteStep(change: Extract<Change, { kind: 'federation.delete' }>, client: TenantClient): StepSpec<readonly SnapshotFederation[]> {
  return {
    label: `delete federation ${JSON.stringify(change.name)}`,
    read: async () => (await client.getFederations()).map(toSnapshotFederation),
    isDone: (all) => !all.some((f) => f.uuid === change.uuid),
    write: () => client.deleteFederationUnverified(change.uuid),
  };
}
