/**
 * What the streaming lint keeps of the document once an entity is dropped (src/metadata/stream):
 * the group models, entity stubs with what the document rules read, and findings, all as strings
 * copied out of the input chunks.
 */
import type { RawFinding } from '../lint/rule.js';
import type { EntitiesDescriptor, EntityDescriptor } from '../model.js';
import { pos } from '../read-common.js';
import { attr } from '../../xml/dom.js';
import type { Element } from '../../xml/tree.js';

export type MutableGroup = { -readonly [K in keyof EntitiesDescriptor]: EntitiesDescriptor[K] } & { children: (EntityDescriptor | EntitiesDescriptor)[] };

export function groupModel(dom: Element): MutableGroup {
  const out: MutableGroup = { kind: 'entities', children: [], signed: false, ...pos(dom) };
  const name = attr(dom, 'Name');
  if (name !== undefined) out.name = own(name);
  const id = attr(dom, 'ID');
  if (id !== undefined) out.id = own(id);
  const validUntil = attr(dom, 'validUntil');
  if (validUntil !== undefined) out.validUntil = own(validUntil);
  const cacheDuration = attr(dom, 'cacheDuration');
  if (cacheDuration !== undefined) out.cacheDuration = own(cacheDuration);
  return out;
}

/**
 * A copy of `s` that shares no memory with the input. V8 substrings are views of their parent
 * string, so one entityID kept from a chunk would keep the whole decoded chunk alive: everything
 * kept past its entity (entityIDs, validUntil values, finding messages) goes through here.
 */
export function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

export function ownOpt(s: string | undefined): string | undefined {
  return s === undefined ? undefined : own(s);
}

/** What the document rules read of an entity (entityID, position, validUntil of it and of its roles); the rest is dropped. */
export function stub(e: EntityDescriptor): EntityDescriptor {
  const keepRole = <R extends { validUntil?: string; line?: number; column?: number; kind: string }>(roles: readonly R[]): R[] =>
    roles.filter((r) => r.validUntil !== undefined).map((r) => ({ kind: r.kind, validUntil: own(r.validUntil!), ...at(r), keyDescriptors: [], singleSignOnServices: [], singleLogoutServices: [], assertionConsumerServices: [] }) as unknown as R);
  const out: { -readonly [K in keyof EntityDescriptor]: EntityDescriptor[K] } = {
    kind: 'entity',
    entityId: ownOpt(e.entityId),
    ...at(e),
    idpSsoDescriptors: keepRole(e.idpSsoDescriptors),
    spSsoDescriptors: keepRole(e.spSsoDescriptors),
    otherRoles: [],
    otherRoleDescriptors: [],
    contacts: [],
    flavour: { flavour: e.flavour.flavour, reason: own(e.flavour.reason) },
    signed: e.signed,
  };
  if (e.validUntil !== undefined) out.validUntil = own(e.validUntil);
  if (e.id !== undefined) out.id = own(e.id);
  if (e.cacheDuration !== undefined) out.cacheDuration = own(e.cacheDuration);
  return out;
}

export function ownFinding(raw: RawFinding): RawFinding {
  const out: { -readonly [K in keyof RawFinding]: RawFinding[K] } = { ...raw, message: own(raw.message) };
  if (raw.entityId !== undefined) out.entityId = own(raw.entityId);
  return out;
}

/** Position fields, only those present. */
function at(n: { line?: number; column?: number }): { line?: number; column?: number } {
  const out: { line?: number; column?: number } = {};
  if (n.line !== undefined) out.line = n.line;
  if (n.column !== undefined) out.column = n.column;
  return out;
}
