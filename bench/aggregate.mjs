// Signed federation aggregates for `npm run bench`, generated deterministically and cached under
// .tmp/bench (gitignored): N entities of ~2.4 KB each (IdPs and SPs in turn, each with a real
// certificate from test/keys), an EntitiesDescriptor with ID "_bench-aggregate", signed with the
// project's metadata-signing key (RSA-SHA256, enveloped-signature + exc-c14n, SignedInfo exc-c14n).
// Signed with `xmlsec1 --sign` (an implementation independent of samlfed; fast on 100 MB);
// without xmlsec1, with xml-crypto (slow: only sizes up to 10k are offered then).
// The tampered copy changes one Location in the middle entity (same length): the signature
// must no longer verify.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { SignedXml } from 'xml-crypto';

export const ROOT = new URL('../', import.meta.url).pathname;
export const CACHE = `${ROOT}.tmp/bench/`;
export const KEYS = `${ROOT}test/keys/`;
export const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const AGG_ID = '_bench-aggregate';
export const SIGNER_CERT = `${KEYS}metadata-signing.crt.pem`;
/** Bump when the generator changes: cached files carry it in their name. */
const VERSION = 4;

/**
 * Every entity gets its OWN certificate (as in a real aggregate, where a cache of parsed
 * certificates would not help): one of the test certificates with its 2-byte serial number
 * replaced by one derived from the entity number, re-signed with the certificate's own key (so
 * it stays a valid self-signed certificate). Distinct DER, same size and shape as the originals.
 */
const BASES = ['idp-signing', 'idp-signing-2', 'idp-encryption', 'sp-encryption', 'attacker', 'metadata-signing'].map((name) => {
  const der = Buffer.from(readFileSync(`${KEYS}${name}.crt.pem`, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  // Certificate ::= SEQUENCE { tbs SEQUENCE, sigAlg SEQUENCE, signature BIT STRING } (RFC 5280 §4.1)
  const tlv = (at) => {
    let len = der[at + 1];
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[at + 2 + k];
      hdr = 2 + n;
    }
    return { at, start: at + hdr, end: at + hdr + len };
  };
  const cert = tlv(0);
  const tbs = tlv(cert.start);
  const version = tlv(tbs.start); // [0] EXPLICIT version
  const serial = tlv(version.end);
  if (der[serial.at] !== 0x02 || serial.end - serial.start !== 2) throw new Error(`bench: ${name}: expected a 2-byte serial`);
  const sigAlg = tlv(tbs.end);
  const sig = tlv(sigAlg.end);
  return { name, der, serialAt: serial.start, tbs, sigStart: sig.start + 1, sigLen: sig.end - sig.start - 1, key: createPrivateKey(readFileSync(`${KEYS}${name}.key.pem`)) };
});

/** The base64 of entity i's own certificate (deterministic; distinct for every i < 6 * 0x6fff). */
export function certificateFor(i) {
  const base = BASES[i % BASES.length];
  const n = 0x1000 + Math.floor(i / BASES.length);
  if (n > 0x7fff) throw new Error('bench: too many entities for distinct 2-byte serials');
  const der = Buffer.from(base.der);
  der[base.serialAt] = n >> 8;
  der[base.serialAt + 1] = n & 0xff;
  const signature = sign('sha256', der.subarray(base.tbs.at, base.tbs.end), base.key);
  if (signature.length !== base.sigLen) throw new Error('bench: signature length changed');
  signature.copy(der, base.sigStart);
  return der.toString('base64');
}

export function hasTool(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Wrap base64 at 64 columns, as most federation feeds do. */
function wrap(b64) {
  return b64.replace(/.{1,64}/g, '$&\n');
}

/** One EntityDescriptor (~2.4 KB), deterministic in `i`. */
export function entity(i) {
  const idp = i % 2 === 0;
  const host = `${idp ? 'idp' : 'sp'}${i}.example.org`;
  const cert = certificateFor(i);
  const kd = `  <md:KeyDescriptor use="signing">\n   <ds:KeyInfo>\n    <ds:X509Data>\n     <ds:X509Certificate>\n${wrap(cert)}</ds:X509Certificate>\n    </ds:X509Data>\n   </ds:KeyInfo>\n  </md:KeyDescriptor>\n`;
  const ext = `  <md:Extensions>\n   <mdui:UIInfo>\n    <mdui:DisplayName xml:lang="en">Service ${i}</mdui:DisplayName>\n    <mdui:Description xml:lang="en">Bench entity number ${i} &amp; friends</mdui:Description>\n   </mdui:UIInfo>\n  </md:Extensions>\n`;
  const role = idp
    ? ` <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n${ext}${kd}  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n  <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://${host}/sso/redirect"/>\n  <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://${host}/sso/post"/>\n </md:IDPSSODescriptor>\n`
    : ` <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n${ext}${kd}  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://${host}/acs/post" index="0"/>\n  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="https://${host}/acs/artifact" index="1"/>\n </md:SPSSODescriptor>\n`;
  return `<md:EntityDescriptor entityID="https://${host}/">\n${role} <md:Organization>\n  <md:OrganizationName xml:lang="en">Organisation ${i}</md:OrganizationName>\n  <md:OrganizationDisplayName xml:lang="en">Organisation number ${i}</md:OrganizationDisplayName>\n  <md:OrganizationURL xml:lang="en">https://www.org${i}.example.org/</md:OrganizationURL>\n </md:Organization>\n <md:ContactPerson contactType="technical">\n  <md:GivenName>Ops</md:GivenName>\n  <md:EmailAddress>mailto:ops@org${i}.example.org</md:EmailAddress>\n </md:ContactPerson>\n</md:EntityDescriptor>\n`;
}

const SIG_TEMPLATE = `<ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#${AGG_ID}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data></ds:X509Data></ds:KeyInfo></ds:Signature>`;

function writeUnsigned(file, n, template) {
  const fd = openSync(file, 'w');
  writeSync(fd, `<?xml version="1.0" encoding="UTF-8"?>\n<md:EntitiesDescriptor xmlns:md="${MD}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" ID="${AGG_ID}" Name="urn:example:bench:${n}" validUntil="2045-01-01T00:00:00Z">\n${template ? SIG_TEMPLATE + '\n' : ''}`);
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += entity(i);
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf + '</md:EntitiesDescriptor>\n');
  closeSync(fd);
}

function signWithXmlCrypto(unsigned) {
  const xml = readFileSync(unsigned, 'utf8').replace(SIG_TEMPLATE + '\n', '');
  const sig = new SignedXml({ privateKey: readFileSync(`${KEYS}metadata-signing.key.pem`), publicCert: readFileSync(SIGNER_CERT), signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  sig.addReference({ xpath: `/*[@ID='${AGG_ID}']`, digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'] });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'prepend' } });
  return sig.getSignedXml();
}

/** Parse "1k", "10k", "50k", "2500" into a number of entities. */
export function parseSize(s) {
  const m = /^(\d+)(k?)$/i.exec(s.trim());
  if (!m) throw new Error(`bench: bad size ${JSON.stringify(s)} (expected e.g. 1k, 10k, 2500)`);
  return Number(m[1]) * (m[2] ? 1000 : 1);
}

/**
 * Path of the signed aggregate of `n` entities and of its tampered copy, generating them once.
 * @returns {{ signed: string, tampered: string, malformed: string, bytes: number, signer: string }}
 */
export function aggregateFiles(n) {
  mkdirSync(CACHE, { recursive: true });
  const base = `${CACHE}aggregate-v${VERSION}-${n}`;
  const signed = `${base}.signed.xml`;
  const tampered = `${base}.tampered.xml`;
  const malformed = `${base}.malformed.xml`;
  if (!existsSync(signed) || !existsSync(tampered) || !existsSync(malformed)) {
    const useXmlsec = hasTool('xmlsec1');
    const unsigned = `${base}.template.xml`;
    writeUnsigned(unsigned, n, useXmlsec);
    let out;
    if (useXmlsec) {
      execFileSync('xmlsec1', ['--sign', '--privkey-pem', `${KEYS}metadata-signing.key.pem,${SIGNER_CERT}`, '--id-attr:ID', `${MD}:EntitiesDescriptor`, '--output', `${signed}.part`, unsigned], { stdio: ['ignore', 'ignore', 'inherit'] });
      out = readFileSync(`${signed}.part`, 'utf8');
      renameSync(`${signed}.part`, signed);
    } else {
      out = signWithXmlCrypto(unsigned);
      writeFileSync(signed, out);
    }
    const mid = Math.floor(n / 2);
    const host = `${mid % 2 === 0 ? 'idp' : 'sp'}${mid}.example.org`;
    const target = mid % 2 === 0 ? `Location="https://${host}/sso/post"` : `Location="https://${host}/acs/post"`;
    const at = out.indexOf(target);
    if (at < 0) throw new Error('bench: tamper target not found');
    const evil = target.replace('https://', 'https:/x');
    writeFileSync(tampered, out.slice(0, at) + evil + out.slice(at + target.length));
    // For parse-only tools: an unclosed element near the end.
    const close = out.lastIndexOf('</md:EntityDescriptor>');
    writeFileSync(malformed, out.slice(0, close) + out.slice(close + '</md:EntityDescriptor>'.length));
  }
  const bytes = readFileSync(signed).byteLength;
  return { signed, tampered, malformed, bytes, signer: useTool() };
}

function useTool() {
  return hasTool('xmlsec1') ? 'xmlsec1 --sign' : 'xml-crypto';
}

/** Short digest of a file's bytes, to show that every contender read the same input. */
export function fileDigest(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}
