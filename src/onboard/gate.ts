import type { Finding } from '../metadata/lint/types.js';
import type { CertInfo } from './desired/types.js';

/** What `lintGate` decided. */
export interface GateDecision {
  /** The certificate(s) the federation will be built around: the pinned one, else those valid at `now`. */
  readonly trust: readonly CertInfo[];
  /** Error findings that block the partner. */
  readonly blocking: readonly Finding[];
  /** Error findings let through by `allowLintErrors`. */
  readonly allowed: readonly Finding[];
  /** Findings about a certificate that will not be trusted (an expired old signing key, an encryption key). */
  readonly ignored: readonly Finding[];
  /** Set when no certificate can be trusted (pin not found, none valid at `now`). */
  readonly noTrust?: string;
}

const SHA1_IN_MESSAGE = /SHA-1 ([0-9A-F]{40})/;

/**
 * THE lint gate of `samlfed onboard` (docs/onboard.md "Lint gate"), one function on purpose.
 *
 * 1. Choose the certificate(s) to trust: the one whose SHA-1 equals the manifest's pin
 *    (`expectedThumbprint`), else every signing certificate valid at `now`.
 * 2. Ignore findings about other certificates: a `cert-*` finding naming a certificate (its
 *    `SHA-1 …` label, src/metadata/lint/util.ts `certLabel`) that is not trusted, or about an
 *    encryption key. Key rollover with an expired old key, or an expired encryption key, must not
 *    block a partner whose current signing certificate is valid.
 * 3. Of the remaining error findings, those whose rule the manifest allows (`allowLintErrors`:
 *    `true` or a list of rule ids) pass; the rest block.
 */
export function lintGate(input: { findings: readonly Finding[]; signing: readonly CertInfo[]; pinned?: string; now: Date; allow?: true | readonly string[] }): GateDecision {
  const { findings, signing, pinned, now, allow } = input;
  let trust: CertInfo[];
  let noTrust: string | undefined;
  if (pinned !== undefined) {
    trust = signing.filter((c) => c.sha1 === pinned);
    if (trust.length === 0) noTrust = `no IdP signing certificate has the pinned SHA-1 ${pinned} (expectedThumbprint); found ${signing.map((c) => c.sha1).join(', ') || 'none'}. Confirm the certificate with the partner out of band.`;
  } else {
    const t = now.getTime();
    trust = signing.filter((c) => Date.parse(c.notBefore) <= t && t <= Date.parse(c.notAfter));
    if (trust.length === 0 && signing.length > 0) noTrust = `no IdP signing certificate is valid at ${now.toISOString()} (${signing.map((c) => `${c.sha1} ${c.notBefore.slice(0, 10)}..${c.notAfter.slice(0, 10)}`).join(', ')})`;
  }
  const trusted = new Set(trust.map((c) => c.sha1));
  const blocking: Finding[] = [];
  const allowed: Finding[] = [];
  const ignored: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId.startsWith('cert-') && trust.length > 0) {
      const sha1 = SHA1_IN_MESSAGE.exec(f.message)?.[1];
      if ((sha1 !== undefined && !trusted.has(sha1)) || (sha1 === undefined && f.message.includes('use="encryption"'))) {
        ignored.push(f);
        continue;
      }
    }
    if (f.severity !== 'error') continue;
    if (allow === true || (allow !== undefined && allow.includes(f.ruleId))) allowed.push(f);
    else blocking.push(f);
  }
  return { trust, blocking, allowed, ignored, ...(noTrust !== undefined ? { noTrust } : {}) };
}
