/**
 * PKCS#12 / PFX (RFC 7292) via node-forge: the form AD FS and Windows export an
 * `IDPSigningCert` in. Only password integrity mode (what every tool writes) is supported.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type forge from 'node-forge';
import { CertError } from './errors.js';
import type { Certificate } from './types.js';
import { certificateFromDer } from './read-der.js';

export interface Pkcs12Options {
  /** The file's password; `undefined` tries the empty password. */
  readonly password?: string;
  /** Also load the private key as a `KeyObject` (default false: only report that one is present). */
  readonly includePrivateKey?: boolean;
}

export interface Pkcs12Contents {
  /** Every certificate in the file; the one matching the private key (the leaf) first. */
  readonly certificates: readonly Certificate[];
  /** True when the file holds a private key. */
  readonly hasPrivateKey: boolean;
  /** The (first) private key, when `includePrivateKey` was set and one is present. */
  readonly privateKey?: KeyObject;
}

type Forge = typeof forge;
type Bag = { cert?: forge.pki.Certificate | null; key?: forge.pki.PrivateKey | null; asn1?: forge.asn1.Asn1 };

let loaded: Forge | undefined;
/** node-forge, loaded on first use: it is large (~40 modules), and only PKCS#12 input needs it (not `lint`, not `verify`). */
function loadForge(): Forge {
  return (loaded ??= createRequire(import.meta.url)('node-forge') as Forge);
}

function toBuffer(der: forge.util.ByteStringBuffer): Buffer {
  return Buffer.from(der.getBytes(), 'binary');
}

/**
 * Read a PKCS#12 file.
 * @throws {CertError} `ERR_CERT_PKCS12_PASSWORD` (MAC or decryption failed: wrong or missing password),
 *   `ERR_CERT_PKCS12` (corrupt, unsupported, or no certificate inside), `ERR_CERT_DER` (a certificate inside is broken)
 */
export function readPkcs12(input: Uint8Array, options: Pkcs12Options = {}): Pkcs12Contents {
  if (!(input instanceof Uint8Array)) throw new TypeError('readPkcs12: expected a Uint8Array');
  if (options.password !== undefined && typeof options.password !== 'string') throw new TypeError('readPkcs12: password must be a string');
  const password = options.password ?? '';
  const forge = loadForge();
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(input).toString('binary')), true);
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, true, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/Invalid password|wrong password|MAC could not be verified/i.test(msg)) {
      throw new CertError('ERR_CERT_PKCS12_PASSWORD', options.password === undefined
        ? 'The PKCS#12 file is password-protected and no password was given'
        : 'The PKCS#12 password is wrong (integrity check failed)', {
        expected: 'the password the file was exported with',
        actual: options.password === undefined ? 'no password' : 'a password that does not verify the MAC',
        cause: e,
      });
    }
    throw new CertError('ERR_CERT_PKCS12', `Expected a readable PKCS#12 (.pfx/.p12) file, found: ${msg}`, {
      expected: 'a PKCS#12 (.pfx/.p12) file in password integrity mode (RFC 7292)',
      actual: msg,
      cause: e,
    });
  }

  const certBags = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []) as Bag[];
  const keyBags = [
    ...((p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []) as Bag[]),
    ...((p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []) as Bag[]),
  ];
  // forge keeps RSA certificates parsed (re-encode; DER round-trips) and others as ASN.1.
  const certs = certBags.map((bag) => {
    const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (!asn) throw new CertError('ERR_CERT_PKCS12', 'A PKCS#12 certificate bag is empty', { expected: 'an X.509 certificate', actual: 'empty bag' });
    return certificateFromDer(toBuffer(forge.asn1.toDer(asn)));
  });
  if (certs.length === 0) {
    throw new CertError('ERR_CERT_PKCS12', 'Expected at least one certificate in the PKCS#12 file, found none', { expected: 'at least one certificate bag', actual: `${keyBags.length} key bag(s), no certificate` });
  }

  // The key is loaded only when asked for, or to put the leaf first among several certificates.
  let privateKey: KeyObject | undefined;
  const first = keyBags[0];
  if (first && (options.includePrivateKey || certs.length > 1)) {
    const pkcs8 = first.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(first.key)) : first.asn1;
    try {
      if (pkcs8) privateKey = createPrivateKey({ key: toBuffer(forge.asn1.toDer(pkcs8)), format: 'der', type: 'pkcs8' });
    } catch (e) {
      if (options.includePrivateKey) {
        throw new CertError('ERR_CERT_PKCS12', `The PKCS#12 private key cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, { expected: 'a PKCS#8 private key', actual: 'an unreadable key', cause: e });
      }
    }
  }
  if (privateKey && certs.length > 1) {
    const pub = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
    const want = pub(createPublicKey(privateKey));
    const i = certs.findIndex((c) => { try { return pub(c.publicKey) === want; } catch { return false; } });
    if (i > 0) certs.unshift(...certs.splice(i, 1));
  }
  return {
    certificates: certs,
    hasPrivateKey: keyBags.length > 0,
    ...(options.includePrivateKey && privateKey ? { privateKey } : {}),
  };
}
