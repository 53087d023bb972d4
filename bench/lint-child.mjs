// Aggregate contenders that are libraries, each in its own process:
//   node bench/lint-child.mjs <xml-crypto|samlify> <file>
// xml-crypto: parse + checkSignature of the root signature with the signer certificate (exit 0
// valid, 1 invalid). samlify: load every EntityDescriptor as an IdentityProvider/ServiceProvider
// metadata object (samlify has no aggregate support and checks no aggregate signature: it is
// shown for the per-entity model cost only, and has no reject check).
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import * as samlify from 'samlify';
import { SIGNER_CERT } from './aggregate.mjs';

const [name, file] = process.argv.slice(2);
const xml = readFileSync(file, 'utf8');
if (name === 'xml-crypto') {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const sig = new SignedXml({ publicCert: readFileSync(SIGNER_CERT, 'utf8') });
  const node = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
  sig.loadSignature(node);
  let ok = false;
  try {
    ok = sig.checkSignature(xml);
  } catch {
    ok = false;
  }
  process.exitCode = ok ? 0 : 1;
} else if (name === 'samlify') {
  const re = /<md:EntityDescriptor[\s\S]*?<\/md:EntityDescriptor>/g;
  let n = 0;
  for (const m of xml.matchAll(re)) {
    const withNs = m[0].replace(/^<md:EntityDescriptor/, '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui"');
    if (withNs.includes('IDPSSODescriptor')) samlify.IdentityProvider({ metadata: withNs });
    else samlify.ServiceProvider({ metadata: withNs });
    n++;
  }
  if (n === 0) process.exitCode = 1;
} else {
  console.error(`unknown contender ${name}`);
  process.exitCode = 2;
}
