import { SignedXml } from 'xml-crypto';
import type { Ctx } from '../http/context.js';
import { esc, type Reply } from '../http/reply.js';
import type { TenantState } from '../state/model.js';
import { spCertificates, spUrls } from './identity.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const REQUESTED = ['UserPrincipalName', 'DisplayName', 'EmailAddress', 'Group', 'Description', 'HomeNumber', 'LoginName', 'MobileNumber', 'OfficeNumber'];

function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/**
 * The sandbox tenant's SP metadata (tenant-api.md §3.3, [I] content): entityID, SPSSODescriptor with
 * the signing certificate, ACS (HTTP-POST) at `/My`, SLO at `/Security/Logout`, the requested
 * attributes; enveloped-signed with the SP key by xml-crypto (an implementation independent of
 * samlfed's own verifier, so `samlfed lint` on it is a real check).
 */
export function spMetadataXml(state: TenantState, base: string): string {
  const u = spUrls(base);
  const cert = pemBody(state.keys.certPem);
  const id = `_${state.tenant.id}-sp-metadata`;
  const xml =
    `<md:EntityDescriptor xmlns:md="${MD}" ID="${id}" entityID="${esc(u.entityId)}">` +
    `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${DS}"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(u.logout)}"/>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(u.acs)}" index="0" isDefault="true"/>` +
    `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="en">Centrify Customer ${esc(state.tenant.id)} (samlfed sandbox)</md:ServiceName>` +
    REQUESTED.map((n) => `<md:RequestedAttribute Name="${n}" isRequired="${n === 'UserPrincipalName'}"/>`).join('') +
    `</md:AttributeConsumingService></md:SPSSODescriptor></md:EntityDescriptor>`;
  const sx = new SignedXml({ privateKey: state.keys.keyPem, publicCert: state.keys.certPem, canonicalizationAlgorithm: EXC_C14N, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' });
  const target = `//*[@ID='${id}']`;
  sx.addReference({ xpath: target, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  // SAML metadata 2.0 §2.3.2: ds:Signature is the first child of EntityDescriptor.
  sx.computeSignature(xml, { prefix: 'ds', location: { reference: target, action: 'prepend' } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${sx.getSignedXml()}`;
}

/** GET /Federation/federationmetadata?FederationType=SAML%202.0 (no auth, [I] tenant-api.md §3.3). */
export function serveSpMetadata(ctx: Ctx): Reply {
  return { status: 200, contentType: 'application/samlmetadata+xml; charset=utf-8', body: spMetadataXml(ctx.rt.state, ctx.rt.url) };
}

/**
 * GET /Federation/SPSigningCertificate and /Federation/SPSigningCertificateAuthority ([I] format):
 * DER (`.cer`, application/pkix-cert) by default, PEM with `?format=pem`.
 */
export function serveCertificate(which: 'cert' | 'ca'): (ctx: Ctx) => Reply {
  return (ctx) => {
    const c = spCertificates(ctx.rt.state)[which];
    const name = which === 'cert' ? 'SPSigningCertificate' : 'SPSigningCertificateAuthority';
    if (ctx.query.get('format')?.toLowerCase() === 'pem') {
      const pem = which === 'cert' ? ctx.rt.state.keys.certPem : ctx.rt.state.keys.caCertPem;
      return { status: 200, contentType: 'application/x-pem-file', body: pem, headers: { 'Content-Disposition': `attachment; filename="${name}.pem"` } };
    }
    return { status: 200, contentType: 'application/pkix-cert', body: Buffer.from(c.der), headers: { 'Content-Disposition': `attachment; filename="${name}.cer"` } };
  };
}
