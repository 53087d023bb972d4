export { parseXml, DEFAULT_XML_LIMITS, positionOf, type ParsedXml, type XmlLimits } from './parse.js';
export { XmlError, type XmlErrorCode } from './errors.js';
export { NS, SAML2_PROTOCOL } from './namespaces.js';
export * from './dom.js';
export { canonicalize, xmlBaseFixupNeeded, type CanonicalizeOptions, type C14nMode } from './c14n.js';
export { indexIds, ID_ATTRIBUTES } from './ids.js';
export * from './dsig/index.js';
export { parseDateTime } from './datetime.js';
