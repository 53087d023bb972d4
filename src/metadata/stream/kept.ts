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
  return s.length < 13 || !copying ? s : Buffer.from(s, 'utf8').toString('utf8');
}

let copying = true;

/**
 * In the lint worker (lint-worker.ts) what is kept leaves the thread by structured clone, which
 * copies every string: `own` need not copy them first. Called once, by the worker, for its thread.
 */
export function keptStringsAreCopiedElsewhere(): void {
  copying = false;
}

/** Shared by every stub: the document rules only read these lists, never change them. */
const NONE: readonly never[] = Object.freeze([]);
/** Flavour detections kept, one object per distinct (flavour, reason): the reasons are a few fixed texts in an aggregate. */
const flavours = new Map<string, EntityDescriptor['flavour']>();
const MAX_FLAVOURS = 1000;

function keptFlavour(f: EntityDescriptor['flavour']): EntityDescriptor['flavour'] {
  const key = f.flavour + '\n' + f.reason;
  let kept = flavours.get(key);
  if (kept === undefined) {
    kept = Object.freeze({ flavour: f.flavour, reason: own(f.reason) });
    if (flavours.size < MAX_FLAVOURS) flavours.set(key, kept);
  }
  return kept;
}

/**
 * What the document rules read of an entity (entityID, position, validUntil of it and of its
 * roles; src/metadata/lint/util.ts validityNodes, rules/entity-id-duplicate.ts); the rest is
 * dropped. Kept for every entity until the end, so kept small (~150 bytes plus the entityID at
 * 50k entities): shared empty lists, shared flavour objects, roles only when they carry validUntil.
 */
export function stub(e: EntityDescriptor): EntityDescriptor {
  return stubOf(e, own);
}

/**
 * A stub again, from its structured clone (the lint worker's message: lint-parallel.ts), which has
 * the stub's own fields but not its prototype: the same shape `stub` makes, with the flavour
 * shared. Its strings are the clone's own already: nothing is copied.
 */
function stubFromClone(c: EntityDescriptor): EntityDescriptor {
  return stubOf(c, (x) => x);
}

/** `stub`, keeping each string as `keep` returns it; role lists absent (a clone's) read as empty. */
function stubOf(e: EntityDescriptor, keep: (s: string) => string): EntityDescriptor {
  const out = new EntityStub(e.entityId === undefined ? undefined : keep(e.entityId), e.line, e.column, keptFlavour(e.flavour), e.signed) as unknown as { -readonly [K in keyof EntityDescriptor]: EntityDescriptor[K] };
  const idp = keepRoles(e.idpSsoDescriptors ?? NONE, keep);
  if (idp !== NONE) out.idpSsoDescriptors = idp;
  const sp = keepRoles(e.spSsoDescriptors ?? NONE, keep);
  if (sp !== NONE) out.spSsoDescriptors = sp;
  if (e.validUntil !== undefined) out.validUntil = keep(e.validUntil);
  if (e.id !== undefined) out.id = keep(e.id);
  if (e.cacheDuration !== undefined) out.cacheDuration = keep(e.cacheDuration);
  return out;
}

/**
 * An entity as the document rules see it (an EntityDescriptor). Five own fields; what is the same
 * for (almost) every stub lives on the prototype: `kind`, and the empty lists, which an entity
 * whose roles carry validUntil shadows with its own (the prototype properties are writable).
 * 64 bytes instead of 112 for an object literal with every field (x 50k entities).
 */
class EntityStub {
  constructor(
    readonly entityId: string | undefined,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly flavour: EntityDescriptor['flavour'],
    readonly signed: boolean,
  ) {}
}
for (const [name, value] of [['kind', 'entity'], ['idpSsoDescriptors', NONE], ['spSsoDescriptors', NONE], ['otherRoles', NONE], ['otherRoleDescriptors', NONE], ['contacts', NONE]] as const) {
  Object.defineProperty(EntityStub.prototype, name, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * What a group keeps of an entity that carries no validUntil, its own or a role's: nothing in the
 * tree is read of such an entity (the validity rules walk the tree for validUntil values:
 * src/metadata/lint/util.ts validityNodes), and its entityID and position are kept in columns
 * (entity-positions.ts). Such entities are left out of `children` (collect.ts), but for a place the
 * two-thread lint reserved because a start tag showed a validUntil the reader does not take
 * (another namespace): this one shared object fills it.
 */
export const WITHOUT_VALIDITY: EntityDescriptor = Object.freeze(new EntityStub(undefined, undefined, undefined, Object.freeze({ flavour: 'generic', reason: '' }), false)) as unknown as EntityDescriptor;

/** What the entity's group keeps of it in `children`: the stub when it carries a validUntil, else the shared WITHOUT_VALIDITY. */
export function groupChild(s: EntityDescriptor): EntityDescriptor {
  return s.validUntil !== undefined || s.idpSsoDescriptors.length > 0 || s.spSsoDescriptors.length > 0 ? s : WITHOUT_VALIDITY;
}

/**
 * `groupChild` of the stub a structured clone `c` holds (the lint worker's reply), the stub rebuilt
 * (stubFromClone) only when the group keeps it: a clone has role lists of its own only when they
 * carry validUntil (keepRoles). Most entities carry none: no stub is built for them.
 */
export function groupChildOfClone(c: EntityDescriptor): EntityDescriptor {
  return c.validUntil !== undefined || Object.hasOwn(c, 'idpSsoDescriptors') || Object.hasOwn(c, 'spSsoDescriptors') ? stubFromClone(c) : WITHOUT_VALIDITY;
}

/** The roles that carry validUntil, reduced to what validityNodes reads; the shared empty list when none does. */
function keepRoles<R extends { validUntil?: string; line?: number; column?: number; kind: string }>(roles: readonly R[], keep: (s: string) => string): readonly R[] {
  let out: R[] | undefined;
  for (const r of roles) {
    if (r.validUntil === undefined) continue;
    (out ??= []).push({ kind: r.kind, validUntil: keep(r.validUntil), ...at(r), keyDescriptors: NONE, singleSignOnServices: NONE, singleLogoutServices: NONE, assertionConsumerServices: NONE } as unknown as R);
  }
  return out ?? NONE;
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

