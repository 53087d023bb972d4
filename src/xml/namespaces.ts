/** Namespace URIs used across samlfed (SAML core 2.0 §1.2, metadata 2.0 §1.2, xmldsig-core §1.3). */
export const NS = Object.freeze({
  MD: 'urn:oasis:names:tc:SAML:2.0:metadata',
  SAML: 'urn:oasis:names:tc:SAML:2.0:assertion',
  SAMLP: 'urn:oasis:names:tc:SAML:2.0:protocol',
  DS: 'http://www.w3.org/2000/09/xmldsig#',
  DS11: 'http://www.w3.org/2009/xmldsig11#',
  XENC: 'http://www.w3.org/2001/04/xmlenc#',
  XENC11: 'http://www.w3.org/2009/xmlenc11#',
  EC: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  XSI: 'http://www.w3.org/2001/XMLSchema-instance',
  XS: 'http://www.w3.org/2001/XMLSchema',
  XML: 'http://www.w3.org/XML/1998/namespace',
  XMLNS: 'http://www.w3.org/2000/xmlns/',
  FED: 'http://docs.oasis-open.org/wsfed/federation/200706',
  MDUI: 'urn:oasis:names:tc:SAML:metadata:ui',
  MDRPI: 'urn:oasis:names:tc:SAML:metadata:rpi',
  MDATTR: 'urn:oasis:names:tc:SAML:metadata:attribute',
});

/** SAML 2.0 protocol support URI (SAML metadata 2.0 §2.4.1). */
export const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
