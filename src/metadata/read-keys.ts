/**
 * KeyDescriptor and embedded certificates (SAML metadata 2.0 §2.4.1.1; xmldsig-core §4.4.4 X509Data),
 * and the key-use rule every consumer must apply.
 */
import type { Element } from '../xml/tree.js';
import { certificateFromCompactBase64 } from '../certs/read.js';
import { isSamlfedError } from '../errors.js';
import { attr, childElements } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import type { Certificate } from '../certs/types.js';
import type { CertificateEntry, IdpSsoDescriptor, KeyDescriptor, KeyUse, SpSsoDescriptor } from './model.js';
import { textOfElement, trimmedText, withPos } from './read-common.js';

/**
 * One `ds:X509Certificate`. The base64 is kept with whitespace removed (xs:base64Binary allows
 * whitespace anywhere; Okta wraps it with spaces and newlines). Parsing goes through the certs
 * module (and its cache); a certificate that does not parse becomes `{ ok: false, error }` so
 * that the model of a broken document can still be linted.
 */
export function readCertificateEntry(el: Element): CertificateEntry {
  const base64 = textOfElement(el).replace(/[ \t\r\n]+/g, ''); // XML whitespace; anything else is reported by the decoder
  try {
    const certificate: Certificate = certificateFromCompactBase64(base64); // = certificateFromBase64(base64): no XML whitespace left
    return withPos({ ok: true as const, certificate, base64 }, el);
  } catch (e) {
    if (!isSamlfedError(e)) throw e;
    return withPos({ ok: false as const, error: { code: e.code, message: e.message }, base64 }, el);
  }
}

/** `use` attribute → KeyUse. Absent → `unspecified`; a value other than the two defined ones is kept in `useAsWritten`. */
function keyUse(el: Element): { use: KeyUse; useAsWritten?: string } {
  const raw = attr(el, 'use');
  if (raw === undefined) return { use: 'unspecified' };
  if (raw === 'signing' || raw === 'encryption') return { use: raw };
  return { use: 'unspecified', useAsWritten: raw };
}

/** md:KeyDescriptor: use, every X509Certificate of every X509Data in ds:KeyInfo, KeyNames. */
export function readKeyDescriptor(el: Element): KeyDescriptor {
  const certificates: CertificateEntry[] = [];
  const keyNames: string[] = [];
  for (const info of childElements(el)) {
    if (info.namespaceURI !== NS.DS || info.localName !== 'KeyInfo') continue;
    for (const child of childElements(info)) {
      if (child.namespaceURI !== NS.DS) continue;
      if (child.localName === 'KeyName') keyNames.push(trimmedText(child));
      else if (child.localName === 'X509Data') {
        for (const x of childElements(child)) {
          if (x.namespaceURI === NS.DS && x.localName === 'X509Certificate') certificates.push(readCertificateEntry(x));
        }
      }
    }
  }
  const use = keyUse(el);
  return withPos(use.useAsWritten === undefined ? { use: use.use, certificates, keyNames } : { use: use.use, useAsWritten: use.useAsWritten, certificates, keyNames }, el);
}

type Role = Pick<IdpSsoDescriptor | SpSsoDescriptor, 'keyDescriptors'>;

/**
 * Certificates usable for signing: from KeyDescriptors with `use="signing"` or without `use`
 * (metadata 2.0 §2.4.1.1: an absent `use` means the key serves both purposes). Only the ones
 * that parsed; in document order.
 */
export function signingCertificates(descriptor: Role): Certificate[] {
  return certificatesFor(descriptor, 'signing');
}

/** Certificates usable for encryption: `use="encryption"` or no `use` (metadata 2.0 §2.4.1.1). */
export function encryptionCertificates(descriptor: Role): Certificate[] {
  return certificatesFor(descriptor, 'encryption');
}

/** The KeyDescriptors that count for `purpose` (same rule as above), including unparsable certificates. */
export function keyDescriptorsFor(descriptor: Role, purpose: 'signing' | 'encryption'): KeyDescriptor[] {
  return descriptor.keyDescriptors.filter((k) => k.use === purpose || (k.use === 'unspecified' && k.useAsWritten === undefined));
}

function certificatesFor(descriptor: Role, purpose: 'signing' | 'encryption'): Certificate[] {
  const out: Certificate[] = [];
  for (const k of keyDescriptorsFor(descriptor, purpose)) {
    for (const c of k.certificates) if (c.ok) out.push(c.certificate);
  }
  return out;
}
