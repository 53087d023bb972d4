import type { Flavour } from '../../metadata/model.js';

/** One group mapping in the tenant's own shape (`GetGlobalGroupAssertionMappings`, `Mappings` part). */
export interface GroupMapping {
  /** Value of the partner's group attribute (a partner role, an AD FS group name). */
  readonly AttributeValue: string;
  /** Host group in this tenant. */
  readonly GroupName: string;
}

/** Where the partner's IdP configuration comes from (manifest `metadata` / `metadataUrl` / `manual`). */
export type IdpSource =
  | { readonly kind: 'file'; /** Absolute path. */ readonly path: string }
  | { readonly kind: 'url'; /** https URL. */ readonly url: string }
  | {
      readonly kind: 'manual';
      readonly signInUrl: string;
      readonly logoutUrl?: string;
      /** Absolute path of the IdP signing certificate (PEM, DER or PKCS#12). */
      readonly signingCert: string;
      readonly signingCertPassword?: string;
    };

/** A validated partner manifest. Paths are absolute; nothing here has been fetched or read yet. */
export interface PartnerManifest {
  /** Manifest file, when loaded from one. */
  readonly file?: string;
  /** Folder relative paths were resolved against. */
  readonly baseDir: string;
  /** Unique federation name (`FederationName`). */
  readonly name: string;
  /** Login suffixes of the partner's users, as written, in order, at least one. */
  readonly domains: readonly string[];
  readonly source: IdpSource;
  /** `auto` (default): detected from the metadata; `generic` when there is none. */
  readonly flavor: 'auto' | Flavour;
  /** Explicit `groupAttribute`; see `effectiveGroupAttribute` for the default by flavour. */
  readonly groupAttribute?: string;
  /** SHA-1 of the IdP signing certificate: 40 upper-case hex digits, separators removed. */
  readonly expectedThumbprint?: string;
  /** Partner group attribute value -> host group, in manifest order. */
  readonly mappings: readonly GroupMapping[];
  /** Host group -> roles in the host tenant (null-prototype record). */
  readonly roles: Readonly<Record<string, readonly string[]>>;
  /**
   * Federated logins of this partner need MFA: `samlfed onboard` turns on the login policy's
   * `FederatedLoginAllowsMfa` (docs/onboard.md "MFA"); `samlfed payload` only warns. Default false.
   */
  readonly requireMfa: boolean;
  /**
   * Lint gate override for `samlfed onboard`: `true` lets every metadata lint error through, a list
   * lets those rule ids through (docs/onboard.md "Lint gate"). Absent: every error blocks.
   */
  readonly allowLintErrors?: true | readonly string[];
}
