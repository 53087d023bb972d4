import { parseMetadata } from '../../metadata/parse.js';
import type { MetadataDocument } from '../../metadata/model.js';
import { resolveHostGroups } from '../../federation/mapping/resolve.js';
import type { IdpTrustInput, VerifiedLogin } from '../../assertion/types.js';
import type { Session } from '../runtime.js';
import type { Federation, TenantState } from '../state/model.js';

const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const docs = new Map<string, { xml: string; doc: MetadataDocument }>();

/**
 * The IdP as verifyResponse trusts it: the federation's stored metadata (parsed once and reused,
 * so the verifier's key cache works), or the manual configuration's certificates.
 */
export function idpTrustOf(f: Federation): IdpTrustInput {
  if (f.metadataXml) {
    const hit = docs.get(f.uuid);
    if (hit && hit.xml === f.metadataXml) return hit.doc;
    const doc = parseMetadata(f.metadataXml);
    docs.set(f.uuid, { xml: f.metadataXml, doc });
    return doc;
  }
  return { entityId: f.idpEntityId, signingCerts: f.idpSigningCerts };
}

/** [I] The user's login name: the `userprincipalname` attribute (any case), the AD FS UPN claim, else the NameID. */
export function userNameOf(login: VerifiedLogin): string {
  for (const [k, v] of Object.entries(login.attributes)) {
    if ((k.toLowerCase() === 'userprincipalname' || k === UPN_CLAIM) && v[0]) return v[0];
  }
  return login.nameId.value;
}

/**
 * Host groups and roles of a verified partner login (tenant-api.md §3.8 step 3): the group
 * attribute's values through the partner's mappings, then the global ones (partner wins,
 * `resolveHostGroups`); roles = those that have one of the host groups as a member. [I] The built-in
 * `Everybody` role is not listed. The FDS user is created or updated (JIT).
 */
export function federatedSession(state: TenantState, f: Federation, login: VerifiedLogin, newId: () => string): Omit<Session, 'token' | 'expiresAt'> {
  const name = userNameOf(login);
  const r = resolveHostGroups(login.groups, f.mappings, state.globalMappings);
  const groupIds = new Set(state.fdsGroups.filter((g) => r.hostGroups.some((h) => h.toLowerCase() === g.systemName.toLowerCase())).map((g) => g.internalName));
  const roles = state.roles.filter((role) => role.members.some((m) => m.type === 'Group' && groupIds.has(m.id))).map((role) => role.name);
  let user = state.users.find((u) => u.directory === 'FDS' && u.name.toLowerCase() === name.toLowerCase());
  if (!user) {
    user = { uuid: newId(), name, displayName: name, email: name, passwordHash: '', mfa: null, directory: 'FDS', federationUuid: f.uuid };
    state.users.push(user);
  }
  const display = login.attributes['DisplayName']?.[0];
  if (display) user.displayName = display;
  return {
    kind: 'federated',
    tenantId: state.tenant.id,
    userUuid: user.uuid,
    userName: user.name,
    federated: { federationUuid: f.uuid, federationName: f.name, groupValues: [...login.groups], hostGroups: [...r.hostGroups], roles, nameId: login.nameId.value },
  };
}
