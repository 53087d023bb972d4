/**
 * `samlfed/idp`: a partner IdP simulator (AD FS or an Identity tenant's B2B SAML app) for
 * trying and testing partner logins on one machine. Signing and encryption are done with
 * xml-crypto and xml-encryption, never with samlfed's own XML code, so samlfed's verifier is
 * checked against XML it did not write.
 */
export { startIdp, type StartIdpOptions, type IdpServer, type IssueResponseOptions } from './start.js';
export { signInAt, type SignInResult, type SignInOptions } from './sign-in.js';
export { IdpError, type IdpErrorCode } from './errors.js';
export { loadUsersFile, type IdpUser } from './users.js';
export type { IdpFlavour } from './identity.js';
export type { IssuedResponse, IssueRequest, IssueUser, NameIdMode } from './response.js';
