import type { Certificate } from '../certs/types.js';
import { readCertificate } from '../certs/read.js';
import { signingCertificates } from '../metadata/read-keys.js';
import type { EntityDescriptor, Flavour, MetadataDocument } from '../metadata/model.js';
import type { TrustedKey } from '../xml/dsig/types.js';
import type { IdpTrustInput } from './types.js';

/** What verifyResponse needs from the IdP, computed once per idp object. */
export interface ResolvedIdp {
  readonly entityId: string;
  readonly keys: readonly TrustedKey[];
  readonly flavour: Flavour;
}

// Keyed by the caller's idp object: repeated verifies do no key parsing (perf-notes:
// createPublicKey ~400 µs vs one RSA verify ~43 µs). The idp object is treated as immutable.
const cache = new WeakMap<object, ResolvedIdp>();

/**
 * The IdP's entityID, every signing key (key rollover: all of them; a KeyDescriptor
 * without `use` counts, SAML metadata 2.0 §2.4.1.1) and the partner flavour.
 *
 * @throws {TypeError} when the idp option is malformed, has no IdP entity, or no usable signing certificate.
 */
export function resolveIdp(idp: IdpTrustInput): ResolvedIdp {
  if (idp === null || typeof idp !== 'object') throw new TypeError('verifyResponse: options.idp must be parsed metadata or { entityId, signingCerts }');
  const hit = cache.get(idp);
  if (hit) return hit;
  const resolved = 'signingCerts' in idp ? fromExplicit(idp) : fromMetadata(idp);
  cache.set(idp, resolved);
  return resolved;
}

function fromMetadata(idp: MetadataDocument | EntityDescriptor): ResolvedIdp {
  let entity: EntityDescriptor;
  if ('kind' in idp && idp.kind === 'entity') {
    entity = idp;
  } else if ('entities' in idp && Array.isArray(idp.entities)) {
    const idps = idp.entities.filter((e) => e.idpSsoDescriptors.length > 0);
    if (idps.length !== 1) {
      throw new TypeError(`verifyResponse: options.idp metadata must hold exactly one IdP entity, found ${idps.length}; pass the EntityDescriptor to use`);
    }
    entity = idps[0]!;
  } else {
    throw new TypeError('verifyResponse: options.idp must be a MetadataDocument, an EntityDescriptor or { entityId, signingCerts }');
  }
  if (!entity.entityId) throw new TypeError('verifyResponse: the IdP EntityDescriptor has no entityID');
  if (entity.idpSsoDescriptors.length === 0) throw new TypeError(`verifyResponse: entity ${entity.entityId} has no IDPSSODescriptor`);
  const keys: TrustedKey[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (const role of entity.idpSsoDescriptors) {
    // use="signing" or no use (metadata 2.0 §2.4.1.1); certificates that did not parse are skipped.
    for (const cert of signingCertificates(role)) {
      n++;
      if (seen.has(cert.sha1Thumbprint)) continue;
      seen.add(cert.sha1Thumbprint);
      keys.push(keyOf(cert, `metadata signing certificate ${n}`));
    }
  }
  if (keys.length === 0) throw new TypeError(`verifyResponse: the IdP metadata for ${entity.entityId} has no usable signing certificate`);
  return Object.freeze({ entityId: entity.entityId, keys: Object.freeze(keys), flavour: entity.flavour?.flavour ?? 'generic' });
}

function fromExplicit(idp: { readonly entityId: string; readonly signingCerts: readonly (Certificate | string)[]; readonly flavour?: Flavour }): ResolvedIdp {
  if (typeof idp.entityId !== 'string' || idp.entityId === '') throw new TypeError('verifyResponse: options.idp.entityId must be a non-empty string');
  if (!Array.isArray(idp.signingCerts) || idp.signingCerts.length === 0) throw new TypeError('verifyResponse: options.idp.signingCerts must be a non-empty array');
  const keys = idp.signingCerts.map((c, i) => {
    const label = `signing certificate ${i + 1} of ${idp.signingCerts.length}`;
    if (typeof c === 'string') return keyOfString(c, label);
    if (c && typeof c === 'object' && 'publicKey' in c) return keyOf(c, label);
    throw new TypeError(`verifyResponse: options.idp.signingCerts[${i}] must be a Certificate, PEM or base64 string`);
  });
  const flavour: Flavour = idp.flavour ?? 'generic';
  return Object.freeze({ entityId: idp.entityId, keys: Object.freeze(keys), flavour });
}

function keyOf(cert: Certificate, label: string): TrustedKey {
  return Object.freeze({ publicKey: cert.publicKey, thumbprint: cert.sha1Thumbprint, label });
}

function keyOfString(text: string, label: string): TrustedKey {
  let cert: Certificate;
  try {
    cert = readCertificate(text);
  } catch (e) {
    throw new TypeError(`verifyResponse: ${label} is not a PEM or base64 X.509 certificate (${(e as Error).message})`);
  }
  return keyOf(cert, label);
}
