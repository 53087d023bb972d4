/**
 * parseMetadata: SAML metadata 2.0 document → model, in one walk over the DOM built by the
 * project's hardened parser. Tolerant inside (lint needs a model of broken documents), strict
 * only about the root element.
 */
import type { Element } from '../xml/tree.js';
import { parseXml } from '../xml/parse.js';
import { attr, childElements } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { MetadataError } from './errors.js';
import type { EntitiesDescriptor, EntityDescriptor, MetadataDocument } from './model.js';
import { pos } from './read-common.js';
import { readEntityDescriptor } from './read-entity.js';
import { checkMetadataSignature } from './signature.js';
import { pinnedThumbprints, type TrustAnchors } from './trust.js';

export interface ParseMetadataOptions {
  /** Trust anchors for the root signature; without them only integrity is checked. */
  readonly trust?: TrustAnchors;
  /** XML size limit in bytes (default: parseXml's 128 MiB). */
  readonly maxBytes?: number;
  /** XML nesting limit (default: parseXml's 128). */
  readonly maxDepth?: number;
  /**
   * Called after each EntityDescriptor is read, in document order: `done` goes 1..`total`, `total`
   * is the number of EntityDescriptors in the document (counted before reading). One cheap call per
   * entity, for progress bars over large aggregates. Not called for a document without entities.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * md:EntitiesDescriptor (metadata 2.0 §2.3.1): its own attributes and children in document order.
 * Every EntityDescriptor met (at any depth) is also pushed onto `flat`.
 */
export function readEntitiesDescriptor(el: Element, flat: EntityDescriptor[] = [], onEntity?: (entity: EntityDescriptor) => void): EntitiesDescriptor {
  const children: (EntityDescriptor | EntitiesDescriptor)[] = [];
  let signed = false;
  for (const child of childElements(el)) {
    if (child.namespaceURI === NS.DS && child.localName === 'Signature') signed = true;
    else if (child.namespaceURI === NS.MD && child.localName === 'EntityDescriptor') {
      const entity = readEntityDescriptor(child);
      flat.push(entity);
      children.push(entity);
      onEntity?.(entity);
    } else if (child.namespaceURI === NS.MD && child.localName === 'EntitiesDescriptor') {
      children.push(readEntitiesDescriptor(child, flat, onEntity));
    }
  }
  const out: { -readonly [K in keyof EntitiesDescriptor]: EntitiesDescriptor[K] } = { kind: 'entities', children, signed, ...pos(el) };
  const name = attr(el, 'Name');
  if (name !== undefined) out.name = name;
  const id = attr(el, 'ID');
  if (id !== undefined) out.id = id;
  const validUntil = attr(el, 'validUntil');
  if (validUntil !== undefined) out.validUntil = validUntil;
  const cacheDuration = attr(el, 'cacheDuration');
  if (cacheDuration !== undefined) out.cacheDuration = cacheDuration;
  return out;
}

/** Number of md:EntityDescriptor elements that `readEntitiesDescriptor` will read below `el` (element walk only). */
export function countEntityDescriptors(el: Element): number {
  if (el.namespaceURI !== NS.MD) return 0;
  if (el.localName === 'EntityDescriptor') return 1;
  if (el.localName !== 'EntitiesDescriptor') return 0;
  let n = 0;
  for (const child of childElements(el)) n += countEntityDescriptors(child);
  return n;
}

/** Throws ERR_METADATA_ROOT unless `root` is md:EntityDescriptor or md:EntitiesDescriptor (metadata 2.0 §2.3). */
export function assertMetadataRoot(root: Element): void {
  if (root.namespaceURI === NS.MD && (root.localName === 'EntityDescriptor' || root.localName === 'EntitiesDescriptor')) return;
  const found = root.namespaceURI ? `{${root.namespaceURI}}${root.localName}` : `${root.localName ?? root.nodeName} (no namespace)`;
  throw new MetadataError(
    'ERR_METADATA_ROOT',
    `Expected SAML metadata: a root element {${NS.MD}}EntityDescriptor or EntitiesDescriptor, found ${found}`,
    { expected: `{${NS.MD}}EntityDescriptor | {${NS.MD}}EntitiesDescriptor`, actual: found, ...pos(root) },
  );
}

/**
 * Parse a SAML metadata document (a single EntityDescriptor or an EntitiesDescriptor aggregate,
 * nested groups allowed) into the model, and check the root's enveloped signature.
 *
 * @throws {XmlError} when the input is not acceptable XML (size, depth, DTD, encoding, syntax).
 * @throws {MetadataError} `ERR_METADATA_ROOT` when the root element is not metadata.
 * @throws {TypeError} for caller mistakes: a pinned thumbprint in `options.trust` that is not 40 or
 *   64 hex digits, an `onProgress` that is not a function.
 */
export function parseMetadata(xml: string | Uint8Array, options: ParseMetadataOptions = {}): MetadataDocument {
  // Caller mistakes first, signed or not: a pinned thumbprint that is not one.
  pinnedThumbprints(options.trust);
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('parseMetadata: options.onProgress must be a function');
  const limits: { maxBytes?: number; maxDepth?: number } = {};
  if (options.maxBytes !== undefined) limits.maxBytes = options.maxBytes;
  if (options.maxDepth !== undefined) limits.maxDepth = options.maxDepth;
  const { root } = parseXml(xml, limits);
  assertMetadataRoot(root);
  const entities: EntityDescriptor[] = [];
  let model: EntityDescriptor | EntitiesDescriptor;
  if (root.localName === 'EntityDescriptor') {
    model = readEntityDescriptor(root);
    entities.push(model);
    onProgress?.(1, 1);
  } else {
    const total = onProgress === undefined ? 0 : countEntityDescriptors(root);
    model = readEntitiesDescriptor(root, entities, onProgress === undefined ? undefined : () => onProgress(entities.length, total));
  }
  const signature = checkMetadataSignature(root, options.trust);
  return { root: model, entities, signature };
}
