/**
 * The rule registry: every rule, in the order docs and SARIF list them. Adding a rule is
 * one file in this folder, one line here, and `docs/rules/<id>.md`.
 */
import type { Rule, RuleInfo } from '../rule.js';
import type { RuleId } from '../types.js';
import { rule as xmlMalformed } from './xml-malformed.js';
import { rule as xmlDoctype } from './xml-doctype.js';
import { rule as notMetadata } from './not-metadata.js';
import { rule as entityIdInvalid } from './entity-id-invalid.js';
import { rule as entityIdDuplicate } from './entity-id-duplicate.js';
import { rule as noIdpDescriptor } from './no-idp-descriptor.js';
import { rule as protocolNotSaml2 } from './protocol-not-saml2.js';
import { rule as noSsoEndpoint } from './no-sso-endpoint.js';
import { rule as ssoBindingUnsupported } from './sso-binding-unsupported.js';
import { rule as endpointLocationInvalid } from './endpoint-location-invalid.js';
import { rule as endpointNotHttps } from './endpoint-not-https.js';
import { rule as noSigningCert } from './no-signing-cert.js';
import { rule as keyUseInvalid } from './key-use-invalid.js';
import { rule as certInvalid } from './cert-invalid.js';
import { rule as certExpired } from './cert-expired.js';
import { rule as certExpiring } from './cert-expiring.js';
import { rule as certNotYetValid } from './cert-not-yet-valid.js';
import { rule as certWeakKey } from './cert-weak-key.js';
import { rule as certSha1 } from './cert-sha1.js';
import { rule as metadataSignatureInvalid } from './metadata-signature-invalid.js';
import { rule as metadataSignatureUnverifiable } from './metadata-signature-unverifiable.js';
import { rule as metadataSignatureWeakAlg } from './metadata-signature-weak-alg.js';
import { rule as metadataSignatureUntrusted } from './metadata-signature-untrusted.js';
import { rule as metadataUnsigned } from './metadata-unsigned.js';
import { rule as validUntilExpired } from './valid-until-expired.js';
import { rule as validUntilInvalid } from './valid-until-invalid.js';

/** Every rule, in documentation order. */
export const RULE_LIST: readonly Rule[] = Object.freeze([
  xmlMalformed,
  xmlDoctype,
  notMetadata,
  entityIdInvalid,
  entityIdDuplicate,
  noIdpDescriptor,
  protocolNotSaml2,
  noSsoEndpoint,
  ssoBindingUnsupported,
  endpointLocationInvalid,
  endpointNotHttps,
  noSigningCert,
  keyUseInvalid,
  certInvalid,
  certExpired,
  certExpiring,
  certNotYetValid,
  certWeakKey,
  certSha1,
  metadataSignatureInvalid,
  metadataSignatureUnverifiable,
  metadataSignatureWeakAlg,
  metadataSignatureUntrusted,
  metadataUnsigned,
  validUntilExpired,
  validUntilInvalid,
]);

function info(r: Rule): RuleInfo {
  return Object.freeze({ id: r.id, scope: r.scope, defaultSeverity: r.defaultSeverity, description: r.description, docs: r.docs });
}

/** Rule metadata by id (no checks): for formatters, docs and `--rule` validation. */
export const RULES: Readonly<Record<RuleId, RuleInfo>> = Object.freeze(Object.fromEntries(RULE_LIST.map((r) => [r.id, info(r)])) as Record<RuleId, RuleInfo>);
