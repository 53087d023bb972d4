import type { CertificateEntry, EntitiesDescriptor, EntityDescriptor, Endpoint, IdpSsoDescriptor, KeyDescriptor, SpSsoDescriptor } from '../model.js';

/** Role descriptors whose keys and endpoints the rules look at. */
export function roles(entity: EntityDescriptor): readonly (IdpSsoDescriptor | SpSsoDescriptor)[] {
  return entity.spSsoDescriptors.length === 0 ? entity.idpSsoDescriptors : [...entity.idpSsoDescriptors, ...entity.spSsoDescriptors];
}

/** One certificate of an entity and where it first appears. */
export interface CertificateUse {
  readonly entry: CertificateEntry;
  readonly key: KeyDescriptor;
  readonly role: IdpSsoDescriptor | SpSsoDescriptor;
}

function addCertificates(out: CertificateUse[], seen: { set: Set<string> | undefined; first: string | undefined }, role: IdpSsoDescriptor | SpSsoDescriptor): void {
  for (const key of role.keyDescriptors) {
    for (const entry of key.certificates) {
      const id = entry.ok ? entry.certificate.sha256Thumbprint : entry.base64;
      if (out.length === 0) {
        seen.first = id;
      } else {
        // Most entities have one certificate: the Set is made only for the second one.
        seen.set ??= new Set([seen.first!]);
        if (seen.set.has(id)) continue;
        seen.set.add(id);
      }
      out.push({ entry, key, role });
    }
  }
}

/**
 * Every distinct certificate of the entity's IdP and SP KeyDescriptors (the roles of `roles`, in
 * that order), with where it first appears. A certificate listed several times (AD FS repeats its
 * keys in the SP and IdP roles) is listed once, so a finding about it is reported once per entity.
 */
export function certificates(entity: EntityDescriptor): CertificateUse[] {
  const out: CertificateUse[] = [];
  const seen: { set: Set<string> | undefined; first: string | undefined } = { set: undefined, first: undefined };
  for (const role of entity.idpSsoDescriptors) addCertificates(out, seen, role);
  for (const role of entity.spSsoDescriptors) addCertificates(out, seen, role);
  return out;
}

/** Every endpoint (SSO, SLO, ACS) of the entity's IdP and SP roles, with its element name. */
export function endpoints(entity: EntityDescriptor): { endpoint: Endpoint; element: string }[] {
  const out: { endpoint: Endpoint; element: string }[] = [];
  for (const idp of entity.idpSsoDescriptors) {
    for (const e of idp.singleSignOnServices) out.push({ endpoint: e, element: 'SingleSignOnService' });
    for (const e of idp.singleLogoutServices) out.push({ endpoint: e, element: 'SingleLogoutService' });
  }
  for (const sp of entity.spSsoDescriptors) {
    for (const e of sp.assertionConsumerServices) out.push({ endpoint: e, element: 'AssertionConsumerService' });
    for (const e of sp.singleLogoutServices) out.push({ endpoint: e, element: 'SingleLogoutService' });
  }
  return out;
}

/** `2026-07-01` style date for messages. */
export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Short certificate label for messages: subject CN (or subject) and SHA-1 thumbprint. */
export function certLabel(entry: CertificateEntry): string {
  if (!entry.ok) return 'certificate';
  const c = entry.certificate;
  return `certificate "${c.subject}" (SHA-1 ${c.sha1Thumbprint})`;
}

/** Shorten untrusted text for a message. */
export function short(value: string, max = 100): string {
  const s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max)}…(${value.length} chars)` : s;
}

/** Position fields of a model node, only those present. */
export function at(node: { line?: number; column?: number } | undefined): { line?: number; column?: number } {
  if (!node) return {};
  const out: { line?: number; column?: number } = {};
  if (node.line !== undefined) out.line = node.line;
  if (node.column !== undefined) out.column = node.column;
  return out;
}

/** Every element that can carry validUntil (metadata 2.0 §2.3.1, §2.3.2, §2.4.1), in document order. */
export function* validityNodes(root: EntitiesDescriptor | EntityDescriptor): Generator<{ what: string; validUntil: string; line?: number; column?: number; entityId?: string }> {
  yield* validityOf(root, root);
  if (root.kind === 'entity') return;
  // Depth-first with one frame (group, next child) per open group: a group's children are not
  // copied onto a stack (50k entities in a streamed aggregate's root: src/metadata/stream).
  const groups: EntitiesDescriptor[] = [root];
  const next: number[] = [0];
  while (groups.length > 0) {
    const top = groups.length - 1;
    const group = groups[top]!;
    const i = next[top]!;
    if (i === group.children.length) {
      groups.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const node = group.children[i]!;
    yield* validityOf(node, root);
    if (node.kind === 'entities') {
      groups.push(node);
      next.push(0);
    }
  }
}

/** The validUntil of `node` itself, and for an entity of its roles. */
function* validityOf(node: EntitiesDescriptor | EntityDescriptor, root: EntitiesDescriptor | EntityDescriptor): Generator<{ what: string; validUntil: string; line?: number; column?: number; entityId?: string }> {
  if (node.kind === 'entities') {
    if (node.validUntil !== undefined) yield { what: node === root ? 'EntitiesDescriptor (document root)' : 'EntitiesDescriptor', validUntil: node.validUntil, ...at(node) };
    return;
  }
  const entityId = node.entityId === undefined ? {} : { entityId: node.entityId };
  if (node.validUntil !== undefined) yield { what: node === root ? 'EntityDescriptor (document root)' : 'EntityDescriptor', validUntil: node.validUntil, ...at(node), ...entityId };
  for (const role of roles(node)) {
    if (role.validUntil !== undefined) yield { what: role.kind === 'idp' ? 'IDPSSODescriptor' : 'SPSSODescriptor', validUntil: role.validUntil, ...at(role), ...entityId };
  }
}

/** `KeyDescriptor use="signing"` / `KeyDescriptor without use` for messages. */
export function useLabel(key: KeyDescriptor): string {
  if (key.useAsWritten !== undefined) return `KeyDescriptor use=${short(key.useAsWritten, 40)}`;
  return key.use === 'unspecified' ? 'KeyDescriptor without use' : `KeyDescriptor use="${key.use}"`;
}
