import { SamlfedError } from '../errors.js';

/**
 * Codes raised while reading metadata (docs/errors/metadata.md).
 * Codes never change meaning once released.
 */
export type MetadataErrorCode =
  /** The root element is not md:EntityDescriptor or md:EntitiesDescriptor (SAML metadata 2.0 §2.3). */
  | 'ERR_METADATA_ROOT';

/** The input parsed as XML but is not SAML metadata. */
export class MetadataError extends SamlfedError<MetadataErrorCode> {}

/**
 * Codes a metadata signature check reports in `MetadataSignatureStatus.code` (status `invalid`),
 * besides the verifier's own `ERR_SIGNATURE_*` codes. Never thrown: the status carries them.
 */
export type MetadataSignatureCode =
  /** No key to check with: no trust anchors given and no usable certificate in the Signature's KeyInfo. */
  | 'ERR_METADATA_SIGNATURE_NO_KEY'
  /** Trust anchors were given but none of them (and no pinned embedded certificate) is available to verify with. */
  | 'ERR_METADATA_SIGNATURE_UNTRUSTED';

/** Codes raised by `fetchMetadata`. */
export type FetchErrorCode =
  /** The URL is not https (or http with `allowHttp`), or a redirect went to such a URL. */
  | 'ERR_FETCH_SCHEME'
  /** No complete response within `timeoutMs`. */
  | 'ERR_FETCH_TIMEOUT'
  /** The body is larger than `maxBytes`. */
  | 'ERR_FETCH_TOO_LARGE'
  /** The server answered with a non-2xx status, or redirected too often. */
  | 'ERR_FETCH_HTTP_STATUS'
  /** DNS, TCP or TLS failure, or the connection broke mid-body. */
  | 'ERR_FETCH_NETWORK';

/** Downloading metadata failed. */
export class FetchError extends SamlfedError<FetchErrorCode> {}
