import { isDomainName } from '../../federation/manifest/checks.js';
import type { Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { MSG } from '../messages.js';
import type { Federation, TenantState } from '../state/model.js';
import { collectForm } from './form.js';
import { readIdpSource, summaryOf } from './idp-source.js';
import { ensureGroups, federationResult, normaliseFederationName } from './result.js';

type Mapping = { AttributeValue: string; GroupName: string };

/** Step 5 of tenant-api.md §9.3: a JSON array of objects with non-empty AttributeValue and GroupName (extra keys ignored). */
export function parseMappingsPart(text: string): Mapping[] | string {
  if (text.trim() === '') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return MSG.mappingsJson();
  }
  if (!Array.isArray(v)) return MSG.mappingsJson();
  const out: Mapping[] = [];
  for (let i = 0; i < v.length; i++) {
    const m = v[i] as Record<string, unknown> | null;
    const av = m && typeof m === 'object' ? m['AttributeValue'] : undefined;
    const gn = m && typeof m === 'object' ? m['GroupName'] : undefined;
    if (typeof av !== 'string' || typeof gn !== 'string' || av.trim() === '' || gn.trim() === '') return MSG.mappingInvalid(i + 1);
    out.push({ AttributeValue: av, GroupName: gn.trim() });
  }
  return out;
}

/** Steps 3 and 4 (uniqueness), run again right before the commit: another request may have won meanwhile. */
function uniqueness(state: TenantState, name: string, domains: readonly string[], self: Federation | undefined): string | undefined {
  const norm = normaliseFederationName(name);
  if (state.federations.some((f) => f !== self && f.normalizedName === norm)) return MSG.federationNameInUse(name);
  for (const d of domains) {
    const lower = d.toLowerCase();
    if (state.tenant.loginSuffixes.includes(lower)) return MSG.domainInUse(d);
    if (state.federations.some((f) => f !== self && f.domains.some((x) => x.toLowerCase() === lower))) return MSG.domainInUse(d);
  }
  return undefined;
}

/**
 * POST /Federation/CreateFederation (tenant-api.md §3.4, validation order §9.3). A non-empty
 * `FederationUuid` updates that federation (same checks, excluding itself).
 */
export async function createFederation(ctx: Ctx): Promise<Reply> {
  const { rt } = ctx;
  const form = collectForm(ctx.parts, !rt.options.loose);
  if (typeof form === 'string') return fail(form);
  const t = form.text;
  const uuid = t['FederationUuid']!.trim();
  const existing = uuid ? ctx.state.federations.find((f) => f.uuid.toLowerCase() === uuid.toLowerCase()) : undefined;
  if (uuid && !existing) return fail(MSG.federationMissing(uuid));
  // 1. type
  const type = t['FederationType']!.trim();
  if (type !== 'SAML 2.0') return fail(MSG.federationType(type));
  // 2. name
  const name = t['FederationName']!.trim();
  if (name === '') return fail(MSG.parameterRequired('FederationName'));
  if (name.length > 256) return fail(MSG.formField('FederationName is longer than 256 characters'));
  // 3. unique normalised name
  const clash = uniqueness(ctx.state, name, [], existing);
  if (clash) return fail(clash);
  // 4. domains: at least one, DNS names, unused (case-insensitive, tenant login suffixes included)
  const domains = [...new Set(t['Domains']!.split(/[,;\s]+/).map((d) => d.trim()).filter((d) => d !== ''))];
  if (domains.length === 0) return fail(MSG.domainsRequired());
  for (const d of domains) if (!isDomainName(d)) return fail(MSG.domainInvalid(d));
  const domainClash = uniqueness(ctx.state, name, domains, existing);
  if (domainClash) return fail(domainClash);
  // 5. mappings
  const mappings = parseMappingsPart(t['Mappings']!);
  if (typeof mappings === 'string') return fail(mappings);
  // 6./7. the IdP
  const idp = await readIdpSource(form);
  if (typeof idp === 'string') return fail(idp);
  // 8. thumbprint
  const tp = t['IDPSigningCertificateThumbprint']!.replace(/[\s:]/g, '').toUpperCase();
  if (tp !== '' && !idp.certs.some((c) => c.sha1Thumbprint === tp)) return fail(MSG.thumbprint());
  const late = uniqueness(ctx.state, name, domains, existing);
  if (late) return fail(late);

  const fed: Federation = {
    uuid: existing?.uuid ?? rt.rng.uuid(),
    name,
    normalizedName: normaliseFederationName(name),
    domains,
    mappings,
    idpEntityId: idp.entityId,
    idpSignInUrl: idp.signInUrl,
    idpLogoutUrl: idp.logoutUrl,
    idpMetadataUrl: idp.metadataUrl,
    idpSigningCerts: idp.certs.map((c) => Buffer.from(c.der).toString('base64')),
    idpSigningSummaries: idp.certs.map(summaryOf),
    metadataXml: idp.metadataXml,
    isMetadata: idp.metadataXml !== null,
    active: true,
    createdAt: existing?.createdAt ?? rt.now().toISOString(),
  };
  ensureGroups(ctx.state, mappings.map((m) => m.GroupName), () => rt.rng.uuid());
  if (existing) ctx.state.federations[ctx.state.federations.indexOf(existing)] = fed;
  else ctx.state.federations.push(fed);
  rt.commit();
  return ok(federationResult(ctx.state, fed));
}
