import type { EntityDescriptor, MetadataDocument } from '../metadata/model.js';
import { decodeResponseInput, DEFAULT_MAX_RESPONSE_BYTES } from '../assertion/input.js';
import { parseXml } from '../xml/parse.js';
import { childElements, childNamed, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { UsageError } from './io.js';

/**
 * The Issuer the Response names (Response/Issuer, else the first Assertion/Issuer), read only to
 * choose which entity of an aggregate to verify against: `verifyResponse` then checks the issuer
 * and the signature with that entity's keys, so an Issuer that lies selects keys that cannot verify.
 * Undefined when it cannot be read (not XML, encrypted assertion without Response Issuer, ...).
 */
export function peekIssuer(response: Uint8Array): string | undefined {
  try {
    const { root } = parseXml(decodeResponseInput(response, DEFAULT_MAX_RESPONSE_BYTES), { maxBytes: DEFAULT_MAX_RESPONSE_BYTES });
    const issuer = childNamed(root, NS.SAML, 'Issuer') ?? childElements(root).filter((e) => e.namespaceURI === NS.SAML && e.localName === 'Assertion').map((a) => childNamed(a, NS.SAML, 'Issuer')).find((i) => i !== undefined);
    return issuer ? textOf(issuer).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The IdP entity of `--idp` to verify against: the one named by `--entity-id`; else the only IdP
 * entity; else (an aggregate) the one entity whose entityID equals the Response's Issuer.
 * Anything else is a usage error (exit 2) that says how to choose.
 */
export function chooseIdpEntity(doc: MetadataDocument, file: string, entityId: string | undefined, response: Uint8Array): EntityDescriptor {
  const idps = doc.entities.filter((e) => e.idpSsoDescriptors.length > 0);
  if (entityId !== undefined) {
    const named = doc.entities.filter((e) => e.entityId === entityId);
    if (named.length === 0) throw new UsageError(`--entity-id ${JSON.stringify(entityId)}: no entity with that entityID in --idp ${file} (${doc.entities.length} entities)`);
    const idp = named.find((e) => e.idpSsoDescriptors.length > 0);
    if (!idp) throw new UsageError(`--entity-id ${JSON.stringify(entityId)}: the entity in --idp ${file} has no IDPSSODescriptor`);
    return idp;
  }
  if (idps.length === 1) return idps[0]!;
  if (idps.length === 0) throw new UsageError(`--idp ${file} describes no identity provider (no entity with an IDPSSODescriptor)`);
  const issuer = peekIssuer(response);
  const byIssuer = issuer === undefined ? [] : idps.filter((e) => e.entityId === issuer);
  if (byIssuer.length === 1) return byIssuer[0]!;
  const why = issuer === undefined ? 'the Response names no readable Issuer' : byIssuer.length === 0 ? `none has the Response's Issuer ${JSON.stringify(issuer)} as entityID` : `${byIssuer.length} have the Response's Issuer as entityID`;
  throw new UsageError(`--idp ${file} holds ${idps.length} IdP entities and ${why}: choose one with --entity-id`);
}
