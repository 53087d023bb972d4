import type { FederationForm, TenantClient } from '../../tenant/client-types.js';
import type { CreateNewSmbInput, GroupMapping, RoleMemberChanges, SavePolicyBlockInput, StoreAliasInput, StoreRoleInput } from '../../tenant/types.js';
import { MFA_SETTING } from '../read.js';

/** A request `--dry-run` shows instead of sending: method, path, and a JSON body or a multipart summary. */
export interface DryRequest {
  readonly method: 'POST' | 'GET';
  /** Path as tenant-api.md documents it (§3.4–§6.4, msp-create-customer.txt). */
  readonly path: string;
  readonly json?: unknown;
  /** Multipart bodies: the parts in order (files by name, size and SHA-256; passwords redacted). */
  readonly multipart?: { readonly contentType: string; readonly bytes: number; readonly parts: readonly unknown[] };
}

const single = (m: GroupMapping) => ({ [m.AttributeValue]: m.GroupName });
const members = (c: RoleMemberChanges['groups']) => (c ? { Add: [...(c.add ?? [])], Delete: [...(c.remove ?? [])] } : undefined);

/**
 * A client for `--dry-run`: reads go to the tenant (the plan needs them), every write is recorded
 * with the request it would send and NOT sent. `setFederatedLoginAllowsMfa` reads the policy and
 * its links as the real call does and records the `SavePolicyBlock3` body it would send.
 */
export function recordingClient(client: TenantClient, record: (r: DryRequest) => void): TenantClient {
  const form = (f: FederationForm): DryRequest => ({ method: 'POST', path: '/Federation/CreateFederation', multipart: { contentType: f.contentType.replace(/boundary=.*/, 'boundary=…'), bytes: f.body.length, parts: [...(f.fields ?? [])] } });
  const writes: Partial<TenantClient> = {
    createFederation: async (f) => (record(form(f)), undefined as never),
    updateFederation: async (f) => (record(form(f)), undefined as never),
    deleteFederationUnverified: async (uuid) => record({ method: 'POST', path: '/Federation/DeleteFederation', json: { FederationUuid: uuid } }),
    addGlobalGroupMapping: async (m) => record({ method: 'POST', path: '/Federation/AddGlobalGroupAssertionMapping', json: single(m) }),
    deleteGlobalGroupMapping: async (m) => record({ method: 'POST', path: '/Federation/DeleteGlobalGroupAssertionMapping', json: single(m) }),
    updateGlobalGroupMappings: async (list) => record({ method: 'POST', path: '/Federation/UpdateGlobalGroupAssertionMappings', json: { Mappings: list.map((m) => ({ AttributeValue: m.AttributeValue, GroupName: m.GroupName })) } }),
    storeRole: async (r: StoreRoleInput) => (record({ method: 'POST', path: '/SaasManage/StoreRole', json: { ...r } }), '<new role id>'),
    updateRoleMembers: async (id: string, c: RoleMemberChanges) => record({ method: 'POST', path: '/Roles/UpdateRole', json: { Name: id, ...(c.users ? { Users: members(c.users) } : {}), ...(c.groups ? { Groups: members(c.groups) } : {}), ...(c.roles ? { Roles: members(c.roles) } : {}) } }),
    savePolicyBlock: async (input: SavePolicyBlockInput) => (record({ method: 'POST', path: '/Policy/SavePolicyBlock3', json: input }), { RevStamp: input.policy.RevStamp ?? '' }),
    setFederatedLoginAllowsMfa: async (path: string, enabled: boolean) => {
      const links = await client.getPolicyLinks();
      const block = await client.getPolicyBlock(path);
      const body = { plinks: links.links.map((l) => l.raw), policy: { Path: block.Path, ...(block.Version !== undefined ? { Version: block.Version } : {}), Description: block.Description ?? '', Settings: { ...block.Settings, [MFA_SETTING]: enabled }, Newpolicy: false, RevStamp: block.RevStamp } };
      record({ method: 'POST', path: '/Policy/SavePolicyBlock3', json: body });
      return { RevStamp: block.RevStamp };
    },
    createNewSmb: async (input: CreateNewSmbInput) => (record({ method: 'POST', path: '/msp/createnewsmb', json: { ...input } }), { TenantId: '<new tenant id>' }),
    storeAlias: async (a: StoreAliasInput) => record({ method: 'POST', path: '/core/StoreAlias', json: { alias: a.alias, domain: a.domain, cdsAlias: String(a.cdsAlias ?? true), oldName: a.oldName ?? '' } }),
    // The session inside a customer tenant is really opened (the steps read through it); the pass is never shown.
    openCustomerSession: async (tenantId: string) => {
      record({ method: 'POST', path: '/msp/getmanagementlink', json: { tenantId } });
      record({ method: 'GET', path: '/manage?OneTimePass=[redacted]&msp=true' });
      return recordingClient(await client.openCustomerSession(tenantId), record);
    },
    setTenantState: async (tenantId, state) => record({ method: 'POST', path: '/msp/SetTenantState', json: { tenantId, state } }),
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in writes) return (writes as Record<string, unknown>)[prop];
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A recorded request as text: `POST /path` and the JSON body, or the multipart parts one per line. */
export function formatDryRequest(r: DryRequest): string {
  const lines = [`${r.method} ${r.path}`];
  if (r.json !== undefined) lines.push(...JSON.stringify(r.json, null, 2).split('\n').map((l) => `  ${l}`));
  if (r.multipart) {
    lines.push(`  Content-Type: ${r.multipart.contentType} (${r.multipart.bytes} bytes)`);
    for (const p of r.multipart.parts as { name: string; value?: string; file?: { filename: string; contentType: string; size: number; sha256: string } }[]) {
      if (p.file) lines.push(`  ${p.name}: ${p.file.size === 0 ? '(empty file part)' : `file ${JSON.stringify(p.file.filename)}, ${p.file.contentType}, ${p.file.size} bytes, SHA-256 ${p.file.sha256}`}`);
      else lines.push(`  ${p.name}: ${p.value === '' ? '(empty)' : JSON.stringify(p.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
