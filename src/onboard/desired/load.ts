import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ManifestError } from '../../federation/errors.js';
import type { GroupMapping } from '../../federation/manifest/types.js';
import { MANIFEST_LIMITS } from '../../federation/manifest/yaml.js';
import { loadManifest, type MetadataFetcher } from '../deps.js';
import { OnboardError } from '../errors.js';
import { parseOnboardConfig, type OnboardConfig } from './config.js';
import { findDesiredFiles } from './find.js';
import { readPartner, type LoadedPartner } from './partner.js';
import { loadCustomerScope, scopeRolesAndMfa } from './scope.js';
import type { DesiredState } from './types.js';

export interface LoadDesiredOptions {
  /** Folder relative PATHs resolve against (default: the process's current directory). */
  readonly cwd?: string;
  /** Clock for lint and certificate validity (the lint gate). Default `new Date()`. */
  readonly now?: Date;
  /** Fetcher for `metadataUrl` partners. */
  readonly fetch?: MetadataFetcher;
}

/** The desired state with the partners' bytes kept for the payload. */
export interface LoadedDesiredState extends DesiredState {
  readonly partners: readonly LoadedPartner[];
  readonly customer?: LoadedDesiredState;
}

async function readOnboardFile(file: string, cwd: string): Promise<OnboardConfig> {
  const abs = resolve(cwd, file);
  let text: string;
  try {
    const st = await stat(abs);
    if (st.size > MANIFEST_LIMITS.maxBytes) throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected an onboard file of at most ${MANIFEST_LIMITS.maxBytes} bytes, found ${st.size} bytes`, { file, expected: `<= ${MANIFEST_LIMITS.maxBytes} bytes`, actual: st.size });
    text = await readFile(abs, 'utf8');
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    throw new ManifestError('ERR_MANIFEST_FILE', `cannot read onboard file: ${e instanceof Error ? e.message : String(e)}`, { file, cause: e });
  }
  return parseOnboardConfig(text, file);
}

/**
 * Load the desired state from PATHs (files or folders, see `findDesiredFiles`): every partner
 * manifest (read, linted, gated: `readPartner`) and the optional onboard file, merged:
 * roles from manifests and the onboard file together, MFA wanted when any partner requires it.
 * Contradictions between files are `ERR_ONBOARD_CONFLICT`; a bad file throws its `ERR_MANIFEST_*`.
 * Blocked partners are returned (with findings), not thrown: the plan reports them.
 */
export async function loadDesiredState(paths: readonly string[], opts: LoadDesiredOptions = {}): Promise<LoadedDesiredState> {
  const cwd = opts.cwd ?? process.cwd();
  const now = opts.now ?? new Date();
  const found = await findDesiredFiles(paths, cwd);
  if (found.onboard.length > 1) throw new OnboardError('ERR_ONBOARD_CONFLICT', `expected at most one onboard file, found ${found.onboard.length}: ${found.onboard.join(', ')}`, { files: found.onboard });
  const config = found.onboard[0] !== undefined ? await readOnboardFile(found.onboard[0], cwd) : undefined;

  const partners: LoadedPartner[] = [];
  const byName = new Map<string, string>();
  const byDomain = new Map<string, string>();
  const customerFile = config?.customerTenant?.federation !== undefined && found.onboard[0] !== undefined ? resolve(cwd, dirname(found.onboard[0]), config.customerTenant.federation) : undefined;
  for (const file of found.partners) {
    // The customer tenant's federation manifest belongs to the customer tenant, not to this one.
    if (customerFile !== undefined && resolve(cwd, file) === customerFile) continue;
    const manifest = await loadManifest(file, { cwd });
    // The tenant compares names after normalising them (tenant-api.md §3.4 [I]) and domains ignoring case.
    const key = manifest.name.trim().toLowerCase().replace(/\s+/g, ' ');
    const other = byName.get(key);
    if (other !== undefined) throw new OnboardError('ERR_ONBOARD_CONFLICT', `two partner manifests name the federation ${JSON.stringify(manifest.name)}: ${other} and ${file}`, { files: [other, file] });
    byName.set(key, file);
    for (const d of manifest.domains) {
      const owner = byDomain.get(d.toLowerCase());
      if (owner !== undefined) throw new OnboardError('ERR_ONBOARD_CONFLICT', `domain ${JSON.stringify(d)} is claimed by two partner manifests: ${owner} and ${file} (a federation domain must be unique in the tenant)`, { files: [owner, file] });
      byDomain.set(d.toLowerCase(), file);
    }
    partners.push(await readPartner(manifest, file, { now, ...(opts.fetch ? { fetch: opts.fetch } : {}) }));
  }

  let globalMappings: GroupMapping[] | undefined;
  if (config?.globalMappings !== undefined) globalMappings = [...config.globalMappings];
  const { roles, mfa } = scopeRolesAndMfa(partners, config?.roles ?? [], config?.mfa, config?.file ?? 'the onboard file');
  const customer = config?.customerTenant && found.onboard[0] !== undefined ? await loadCustomerScope(config.customerTenant, found.onboard[0], { cwd, now, ...(opts.fetch ? { fetch: opts.fetch } : {}) }) : undefined;

  const files = [...found.partners, ...found.onboard].map((f) => resolve(cwd, f)).filter((f) => f !== customerFile).sort();
  const state = {
    files,
    ...(found.onboard[0] !== undefined ? { onboardFile: found.onboard[0] } : {}),
    partners,
    ...(globalMappings !== undefined ? { globalMappings } : {}),
    roles,
    ...(mfa !== undefined ? { mfa } : {}),
    ...(config?.customerTenant !== undefined ? { customerTenant: config.customerTenant } : {}),
    ...(customer !== undefined ? { customer } : {}),
  };
  const digestInput = JSON.stringify({
    partners: partners.map((p) => ({ name: p.name, domains: p.domains, mappings: p.mappings, source: p.sourceSha256, pin: p.manifest.expectedThumbprint ?? null, allow: p.manifest.allowLintErrors ?? null })),
    globalMappings: globalMappings ?? null,
    roles,
    mfa: mfa ?? null,
    customerTenant: config?.customerTenant ?? null,
    customer: customer?.digest ?? null,
  });
  return { ...state, digest: createHash('sha256').update(digestInput).digest('hex') };
}
