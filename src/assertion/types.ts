import type { KeyObject } from 'node:crypto';
import type { Certificate } from '../certs/types.js';
import type { EntityDescriptor, Flavour, MetadataDocument } from '../metadata/model.js';

/** The IdP as the caller trusts it: parsed metadata, or an entityID plus signing certificates. */
export type IdpTrustInput =
  | MetadataDocument
  | EntityDescriptor
  | {
      readonly entityId: string;
      /** Every certificate the IdP may sign with (key rollover: any one verifies). PEM or base64 DER strings allowed. */
      readonly signingCerts: readonly (Certificate | string)[];
      /** Partner flavour for the group-attribute defaults; `generic` when absent. */
      readonly flavour?: Flavour;
    };

/** This service provider. */
export interface SpSettings {
  readonly entityId: string;
  /** Assertion Consumer Service URLs: Destination and Recipient must equal one of them exactly. */
  readonly acsUrls: readonly string[];
}

/**
 * Remembers assertion IDs until they expire (SAML profiles 2.0 §4.1.4.5).
 * `has` and `add` may be synchronous or return promises; when both are synchronous
 * `verifyResponse` checks and records without yielding, so two concurrent verifies of
 * one message cannot both pass. An asynchronous store should make `add` atomic itself
 * (e.g. Redis `SET NX`) and reject duplicates there.
 *
 * `verifyResponse` passes its own `now` (the clock of every other check) as the last
 * argument: judge expiry with it, not with the wall clock, or a caller verifying with a
 * fixed or past `now` would see every entry expire at once. Caches written for the
 * one/two-argument form keep working (the extra argument is ignored).
 */
export interface ReplayCache {
  /** True while `id` was recorded and has not expired at `now`. */
  has(id: string, now?: Date): boolean | Promise<boolean>;
  /** Record `id` until `expiresAt`; `now` is the verify call's clock. May reject (fail closed) when the store is full. */
  add(id: string, expiresAt: Date, now?: Date): void | Promise<void>;
}

/** Partner profile: which attributes carry group membership. */
export interface PartnerProfile {
  /** Attribute Name(s) (or FriendlyName alias) whose values are the user's groups. Overrides the flavour default. */
  readonly groupAttribute?: string | readonly string[];
}

export interface VerifyOptions {
  /**
   * The IdP: parsed metadata (exactly one IdP entity; every signing certificate counts, key
   * rollover) or `{ entityId, signingCerts }`. Keys are derived once per object and cached
   * (WeakMap): reuse the same object across verifies and treat it as immutable.
   */
  readonly idp: IdpTrustInput;
  readonly sp: SpSettings;
  /** Defaults to the current time. Tests always pass a fixed value. */
  readonly now?: Date;
  /** Allowed clock difference in seconds for every time comparison. Default 180. */
  readonly clockSkewSeconds?: number;
  /** ID of the AuthnRequest this response answers; absent for IdP-initiated login. */
  readonly requestId?: string;
  /**
   * Without `requestId` (IdP-initiated), reject a Response or SubjectConfirmationData that
   * carries an InResponseTo (`ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO`). Default false, as
   * python3-saml's `rejectUnsolicitedResponsesWithInResponseTo`: accepted with a warning.
   */
  readonly rejectUnsolicitedInResponseTo?: boolean;
  /** Default: one process-wide `InMemoryReplayCache` (100,000 live entries; full = `ERR_ASSERTION_REPLAY_CACHE_FULL`). */
  readonly replayCache?: ReplayCache;
  /** SP private keys for EncryptedAssertion (KeyObject or PEM). */
  readonly decryptionKeys?: readonly (KeyObject | string)[];
  /** Accept SHA-1 signatures and digests (reported as a warning). Default false. */
  readonly allowSha1?: boolean;
  /**
   * Require a saml:NameID in the Subject. Default true (python3-saml's `wantNameId`): a Subject
   * without one is `ERR_ASSERTION_NO_NAMEID`. With `false`, a Subject holding only
   * SubjectConfirmation (AD FS without a NameID claim rule; SAML core 2.0 §2.4.1 allows it, the Web
   * SSO profile requires the bearer confirmation, not a NameID) is accepted: the login's `nameId`
   * is then `undefined` (the subject is absent; identify the user by an attribute) and a warning
   * says so. A BaseID, EncryptedID or empty NameID is still refused.
   */
  readonly requireNameId?: boolean;
  /** Accept RSA PKCS#1 v1.5 key transport for encrypted assertions. Default false. */
  readonly allowRsa15?: boolean;
  /** Maximum decoded size of the response in bytes. Default 1 MiB. */
  readonly maxBytes?: number;
  readonly profile?: PartnerProfile;
}

export interface NameId {
  readonly value: string;
  readonly format?: string;
  readonly spNameQualifier?: string;
  readonly nameQualifier?: string;
}

export interface AttributeDetail {
  readonly name: string;
  readonly friendlyName?: string;
  readonly nameFormat?: string;
  readonly values: readonly string[];
}

/**
 * A login that passed every check. Every value was read from content the IdP's signature
 * covered, except `responseId`, which comes from the Response envelope (authenticated only
 * when `signedElement` is `response` or `both`).
 */
export interface VerifiedLogin {
  readonly issuer: string;
  readonly nameId: NameId;
  readonly sessionIndex?: string;
  readonly authnInstant?: Date;
  readonly authnContextClassRef?: string;
  /** Values by attribute Name; also under FriendlyName when that does not collide. */
  readonly attributes: Readonly<Record<string, string[]>>;
  readonly attributeDetails: readonly AttributeDetail[];
  readonly assertionId: string;
  readonly responseId: string;
  /** InResponseTo of the SubjectConfirmationData that qualified, else the Response's when the Response is signed. */
  readonly inResponseTo?: string;
  /** Conditions NotBefore / NotOnOrAfter. */
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  /** NotOnOrAfter of the bearer SubjectConfirmationData that qualified. */
  readonly subjectNotOnOrAfter: Date;
  readonly sessionNotOnOrAfter?: Date;
  readonly signedElement: 'response' | 'assertion' | 'both';
  /** Values of the partner profile's group attribute(s), de-duplicated, in document order. */
  readonly groups: string[];
  readonly warnings: string[];
}

/**
 * What `verifyResponse` returns when called with `requireNameId: false` (not the literal `true`):
 * the same login, except that `nameId` is `undefined` when the Subject carried none.
 */
export type VerifiedLoginNameIdOptional = Omit<VerifiedLogin, 'nameId'> & { readonly nameId: NameId | undefined };

/** Evaluation context shared by the checks. */
export interface CheckContext {
  readonly now: Date;
  readonly skewMs: number;
  readonly sp: SpSettings;
  readonly idpEntityId: string;
  readonly requestId?: string;
  readonly rejectUnsolicitedInResponseTo: boolean;
  /** VerifyOptions.requireNameId (default true). */
  readonly requireNameId?: boolean;
  readonly warnings: string[];
}
