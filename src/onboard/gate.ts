import type { Certificate } from '../certs/types.js';
import type { EntityDescriptor } from '../metadata/model.js';
import type { Finding } from '../metadata/lint/types.js';
import { countingSigningCertificate, splitBlockingFindings } from './deps.js';

/** What `lintGate` decided. */
export interface GateDecision {
  /** The certificate the federation will be built around: the pinned one, else the first valid at `now` (empty when none counts). */
  readonly trust: readonly Certificate[];
  /** Error findings that block the partner. */
  readonly blocking: readonly Finding[];
  /** Error findings let through by `allowLintErrors`. */
  readonly allowed: readonly Finding[];
  /** Error findings about a certificate that will not be trusted (an expired old signing key, an encryption key). */
  readonly ignored: readonly Finding[];
  /** Set when no certificate can be trusted (pin not found, none valid at `now`). */
  readonly noTrust?: string;
}

/**
 * The lint gate of `samlfed onboard` (docs/onboard.md "Lint gate"): `samlfed payload`'s key-rollover
 * rule, not a copy of it, plus the manifest's `allowLintErrors`.
 *
 * 1. The signing certificate that counts is `countingSigningCertificate`'s (src/federation/payload/
 *    counting-cert.ts): the pinned `expectedThumbprint`, else the first one valid at `now`. A pin that
 *    matches nothing, or no certificate valid at `now`, is `noTrust`.
 * 2. Error findings that do not block are `splitBlockingFindings`'s (src/federation/payload/
 *    blocking.ts): an expired or not-yet-valid signing certificate other than the one that counts,
 *    or an encryption-only key. Those are `ignored`. Without the IdP entity (unreadable metadata, a
 *    manual certificate) every error finding stays.
 * 3. Of the remaining error findings, those whose rule the manifest allows (`allowLintErrors`:
 *    `true` or a list of rule ids) pass; the rest block.
 */
export function lintGate(input: { findings: readonly Finding[]; signing: readonly Certificate[]; entity?: EntityDescriptor; pinned?: string; now: Date; allow?: true | readonly string[] }): GateDecision {
  const { findings, signing, entity, pinned, now, allow } = input;
  const verdict = countingSigningCertificate(signing, { expectedThumbprint: pinned, now });
  let noTrust: string | undefined;
  if (verdict.kind === 'pin-not-found') noTrust = `no IdP signing certificate has the pinned SHA-1 ${verdict.expectedThumbprint} (expectedThumbprint); found ${verdict.found.join(', ') || 'none'}. Confirm the certificate with the partner out of band.`;
  else if (verdict.kind === 'none-valid') noTrust = `no IdP signing certificate is valid at ${now.toISOString()} (${signing.map((c) => `${c.sha1Thumbprint} ${c.notBefore.toISOString().slice(0, 10)}..${c.notAfter.toISOString().slice(0, 10)}`).join(', ')})`;
  const counting = verdict.kind === 'pinned' || verdict.kind === 'valid' ? verdict.certificate : undefined;
  const split = entity !== undefined && verdict.kind !== 'none' && verdict.kind !== 'pin-not-found' ? splitBlockingFindings(findings, entity, verdict.certificate) : { blocking: findings.filter((f) => f.severity === 'error'), excused: [] };
  const blocking: Finding[] = [];
  const allowed: Finding[] = [];
  for (const f of split.blocking) {
    if (allow === true || (allow !== undefined && allow.includes(f.ruleId))) allowed.push(f);
    else blocking.push(f);
  }
  return { trust: counting ? [counting] : [], blocking, allowed, ignored: split.excused, ...(noTrust !== undefined ? { noTrust } : {}) };
}
