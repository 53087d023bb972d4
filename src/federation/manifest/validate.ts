import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { describeData, actualOf } from '../describe.js';
import type { Flavour } from '../../metadata/model.js';
import { ManifestError } from '../errors.js';
import { closestKey, hasControlChars, isDomainName, normaliseSha1 } from './checks.js';
import { formatPath, type FieldPath } from './path.js';
import type { GroupMapping, IdpSource, PartnerManifest } from './types.js';
import type { PositionedTree } from './yaml.js';
import { RULES } from '../../metadata/lint/index.js';

export const MANIFEST_KEYS = ['name', 'domains', 'metadata', 'metadataUrl', 'manual', 'flavour', 'flavor', 'groupAttribute', 'expectedThumbprint', 'mappings', 'roles', 'requireMfa', 'allowLintErrors'] as const;
export const MANUAL_KEYS = ['signInUrl', 'logoutUrl', 'signingCert', 'signingCertPassword'] as const;
const FLAVORS = ['auto', 'adfs', 'tenant', 'generic'] as const;

export interface ValidateOptions {
  readonly file?: string;
  readonly baseDir: string;
  /** Check that referenced files exist (default true). */
  readonly checkFiles?: boolean;
}

type Obj = Record<string, unknown>;

/** Turn the plain tree of a manifest into a `PartnerManifest`, or throw the first problem found. */
export function validateManifest(tree: PositionedTree, opts: ValidateOptions): PartnerManifest {
  const { file, baseDir } = opts;
  const fail = (path: FieldPath, message: string, extra: { expected?: unknown; actual?: unknown; key?: boolean } = {}): never => {
    const p = extra.key ? tree.keyAt(path) ?? tree.at(path) : tree.at(path) ?? tree.keyAt(path);
    throw new ManifestError('ERR_MANIFEST_INVALID', message, { file, path: formatPath(path) || '(top level)', ...p, expected: extra.expected, actual: extra.actual });
  };
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  const unknownKeys = (obj: Obj, base: FieldPath, known: readonly string[]): void => {
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) continue;
      const hint = closestKey(k, known);
      const path = [...base, k];
      throw new ManifestError('ERR_MANIFEST_UNKNOWN_KEY', `expected one of the known keys (${known.join(', ')}), found unknown key ${describeData(k)}${hint ? ` (did you mean "${hint}"?)` : ''}`, { file, path: formatPath(path), ...tree.keyAt(path), expected: hint ?? known, actual: describeData(k) });
    }
  };
  const str = (v: unknown, path: FieldPath, what: string): string => {
    if (typeof v !== 'string' || v.trim() === '') fail(path, `expected ${what} (a non-empty string), found ${describeData(v)}`, { expected: what, actual: actualOf(v) });
    const s = v as string;
    if (hasControlChars(s)) fail(path, `expected ${what} without control characters, found ${describeData(s)}`, { expected: `${what} without control characters`, actual: s });
    if (s !== s.trim()) fail(path, `expected ${what} without leading or trailing spaces, found ${describeData(s)}`, { expected: `${what} without surrounding spaces`, actual: s });
    return s;
  };
  const httpsUrl = (v: unknown, path: FieldPath, what: string): string => {
    const s = str(v, path, what);
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return fail(path, `expected ${what} to be an https URL, found ${describeData(s)}`, { expected: 'https URL', actual: s });
    }
    if (u.username || u.password) {
      // Never echo the credentials themselves.
      u.username = '';
      u.password = '';
      fail(path, `expected ${what} without a user name or password, found credentials in the URL (${u.href} with them removed)`, { expected: 'URL without credentials', actual: '(URL with credentials, not shown)' });
    }
    if (u.protocol !== 'https:') fail(path, `expected ${what} to be an https URL, found scheme ${describeData(u.protocol.replace(/:$/, ''))}`, { expected: 'https', actual: s });
    return s;
  };
  const filePath = (v: unknown, path: FieldPath, what: string): string => {
    const s = str(v, path, what);
    const abs = isAbsolute(s) ? s : resolve(baseDir, s);
    if (opts.checkFiles !== false && !(existsSync(abs) && statSync(abs).isFile())) {
      const st = existsSync(abs) ? statSync(abs) : undefined;
      const found = st === undefined ? `nothing at ${abs}` : st.isDirectory() ? `a directory at ${abs}` : `a special file (not a regular file) at ${abs}`;
      throw new ManifestError('ERR_MANIFEST_FILE', `expected ${what} ${describeData(s)} to be an existing file, found ${found} (relative paths resolve against the manifest's folder)`, { file, path: formatPath(path), ...tree.at(path), expected: 'an existing file', actual: abs });
    }
    return abs;
  };

  const root = tree.value;
  if (!isObj(root)) return fail([], `expected a manifest: a mapping of keys (name, domains, ...), found ${root === null ? 'an empty document' : describeData(root)}`);
  unknownKeys(root, [], MANIFEST_KEYS);

  const name = str(root.name, ['name'], 'federation name');
  if (name.length > 128) fail(['name'], `expected a federation name of at most 128 characters, found ${name.length}`, { expected: '<= 128 characters', actual: name.length });

  // domains
  if (root.domains === undefined) fail(['domains'], 'expected domains: the login suffixes of the partner users (at least one), found none', { key: true });
  if (!Array.isArray(root.domains)) fail(['domains'], `expected a list of domain names, found ${describeData(root.domains)}`);
  const domainList = root.domains as unknown[];
  if (domainList.length === 0) fail(['domains'], 'expected at least one domain (the login suffix of the partner users), found an empty list', { expected: '>= 1 domain', actual: 0 });
  const seenDomains = new Map<string, number>();
  const domains = domainList.map((d, i) => {
    const s = str(d, ['domains', i], 'domain name');
    if (!isDomainName(s)) fail(['domains', i], `${JSON.stringify(s)} is not a domain name (expected a DNS name such as acme.com)`, { expected: 'a DNS name such as acme.com', actual: s });
    const prev = seenDomains.get(s.toLowerCase());
    if (prev !== undefined) fail(['domains', i], `expected each domain once, found ${JSON.stringify(s)} again (as domains[${prev}], ignoring case)`, { expected: 'distinct domains', actual: s });
    seenDomains.set(s.toLowerCase(), i);
    return s;
  });

  // exactly one IdP source
  const given = (['metadata', 'metadataUrl', 'manual'] as const).filter((k) => root[k] !== undefined);
  if (given.length !== 1) {
    fail(given.length ? [given[1] ?? given[0]!] : [], given.length === 0 ? 'expected one of metadata, metadataUrl or manual, found none' : `expected exactly one of metadata, metadataUrl or manual, found ${given.join(' and ')}`, { expected: 'exactly one of metadata / metadataUrl / manual', actual: given, key: true });
  }
  let source: IdpSource;
  if (given[0] === 'metadata') source = { kind: 'file', path: filePath(root.metadata, ['metadata'], 'metadata file') };
  else if (given[0] === 'metadataUrl') source = { kind: 'url', url: httpsUrl(root.metadataUrl, ['metadataUrl'], 'metadataUrl') };
  else {
    const m = root.manual;
    if (!isObj(m)) return fail(['manual'], `expected a mapping with signInUrl, logoutUrl, signingCert, found ${describeData(m)}`);
    unknownKeys(m, ['manual'], MANUAL_KEYS);
    const signInUrl = httpsUrl(m.signInUrl, ['manual', 'signInUrl'], 'signInUrl');
    const logoutUrl = m.logoutUrl === undefined ? undefined : httpsUrl(m.logoutUrl, ['manual', 'logoutUrl'], 'logoutUrl');
    const signingCert = filePath(m.signingCert, ['manual', 'signingCert'], 'signing certificate file');
    let signingCertPassword: string | undefined;
    if (m.signingCertPassword !== undefined) {
      if (typeof m.signingCertPassword !== 'string') fail(['manual', 'signingCertPassword'], `expected a string, found ${typeof m.signingCertPassword} (quote it)`);
      signingCertPassword = m.signingCertPassword as string;
    }
    source = { kind: 'manual', signInUrl, signingCert, ...(logoutUrl !== undefined ? { logoutUrl } : {}), ...(signingCertPassword !== undefined ? { signingCertPassword } : {}) };
  }

  // `flavour` (the spelling samlfed prints everywhere) and `flavor` (accepted as an alias) are one key.
  if (root.flavour !== undefined && root.flavor !== undefined) fail(['flavor'], 'expected flavour once, found both flavour and flavor (the same key in two spellings)', { expected: 'flavour', actual: ['flavour', 'flavor'], key: true });
  const flavourKey = root.flavour !== undefined ? 'flavour' : 'flavor';
  const rawFlavour = root[flavourKey];
  let flavor: 'auto' | Flavour = 'auto';
  if (rawFlavour !== undefined) {
    if (typeof rawFlavour !== 'string' || !(FLAVORS as readonly string[]).includes(rawFlavour)) fail([flavourKey], `expected one of ${FLAVORS.join(', ')}, found ${describeData(rawFlavour)}`, { expected: FLAVORS, actual: actualOf(rawFlavour) });
    flavor = rawFlavour as 'auto' | Flavour;
  }
  const groupAttribute = root.groupAttribute === undefined ? undefined : str(root.groupAttribute, ['groupAttribute'], 'group attribute name');

  let expectedThumbprint: string | undefined;
  if (root.expectedThumbprint !== undefined) {
    const raw = typeof root.expectedThumbprint === 'string' ? root.expectedThumbprint : '';
    expectedThumbprint = normaliseSha1(raw);
    if (expectedThumbprint === undefined) {
      const hexLen = raw.replace(/[:\s-]/g, '').length;
      fail(['expectedThumbprint'], `expected a SHA-1 thumbprint (40 hex digits, ':' separators allowed), found ${describeData(root.expectedThumbprint)}${hexLen === 64 ? ' (that looks like a SHA-256 thumbprint)' : ''}${typeof root.expectedThumbprint === 'number' ? ' (YAML read all-digit text as a number: quote the thumbprint)' : ''}`, { expected: '40 hex digits', actual: actualOf(root.expectedThumbprint) });
    }
  }

  // mappings: partner attribute value -> host group
  const mappings: GroupMapping[] = [];
  if (root.mappings !== undefined && root.mappings !== null) {
    if (!isObj(root.mappings)) fail(['mappings'], `expected a mapping "partner group value: host group", found ${describeData(root.mappings)}`);
    for (const [value, group] of Object.entries(root.mappings as Obj)) {
      if (value === '' || hasControlChars(value)) fail(['mappings', value], `expected a non-empty attribute value without control characters, found ${describeData(value)}`, { key: true, expected: 'non-empty attribute value', actual: value });
      mappings.push({ AttributeValue: value, GroupName: str(group, ['mappings', value], 'host group name') });
    }
  }

  // roles: host group -> roles
  const roles = Object.create(null) as Record<string, readonly string[]>;
  if (root.roles !== undefined && root.roles !== null) {
    if (!isObj(root.roles)) fail(['roles'], `expected a mapping "host group: [roles]", found ${describeData(root.roles)}`);
    for (const [group, list] of Object.entries(root.roles as Obj)) {
      const items = typeof list === 'string' ? [list] : list;
      if (!Array.isArray(items) || items.length === 0) fail(['roles', group], `expected a non-empty list of role names, found ${describeData(list)}`);
      const uniq: string[] = [];
      (items as unknown[]).forEach((r, i) => {
        const s = str(r, ['roles', group, i], 'role name');
        if (!uniq.includes(s)) uniq.push(s);
      });
      roles[group] = Object.freeze(uniq);
    }
  }

  let requireMfa = false;
  if (root.requireMfa !== undefined) {
    if (typeof root.requireMfa !== 'boolean') fail(['requireMfa'], `expected true or false, found ${describeData(root.requireMfa)}`, { expected: 'boolean', actual: actualOf(root.requireMfa) });
    requireMfa = root.requireMfa as boolean;
  }

  // allowLintErrors: true (every lint error) or a list of rule ids that must not block this partner
  let allowLintErrors: true | readonly string[] | undefined;
  if (root.allowLintErrors !== undefined && root.allowLintErrors !== false) {
    if (root.allowLintErrors === true) allowLintErrors = true;
    else {
      const list = typeof root.allowLintErrors === 'string' ? [root.allowLintErrors] : root.allowLintErrors;
      if (!Array.isArray(list) || list.length === 0) fail(['allowLintErrors'], `expected true or a non-empty list of lint rule ids, found ${describeData(root.allowLintErrors)}`, { expected: 'true or [rule-id, ...]', actual: actualOf(root.allowLintErrors) });
      const ids = Object.keys(RULES);
      const uniq: string[] = [];
      (list as unknown[]).forEach((r, i) => {
        const s = str(r, ['allowLintErrors', i], 'lint rule id');
        if (!ids.includes(s)) {
          const hint = closestKey(s, ids);
          fail(['allowLintErrors', i], `expected a lint rule id (samlfed lint rules, e.g. cert-expired), found ${describeData(s)}${hint ? ` (did you mean "${hint}"?)` : ''}`, { expected: hint ?? 'a lint rule id', actual: s });
        }
        if (!uniq.includes(s)) uniq.push(s);
      });
      allowLintErrors = Object.freeze(uniq);
    }
  }

  return Object.freeze({
    ...(file !== undefined ? { file } : {}),
    baseDir,
    name,
    domains: Object.freeze(domains),
    source: Object.freeze(source),
    flavor,
    ...(groupAttribute !== undefined ? { groupAttribute } : {}),
    ...(expectedThumbprint !== undefined ? { expectedThumbprint } : {}),
    mappings: Object.freeze(mappings.map((m) => Object.freeze(m))),
    roles: Object.freeze(roles),
    requireMfa,
    ...(allowLintErrors !== undefined ? { allowLintErrors } : {}),
  });
}
