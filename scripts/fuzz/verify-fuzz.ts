/**
 * Mutation fuzzing of `verifyResponse` (issue 7 §5). Seeds are the valid signed Responses in
 * test/fixtures/responses/ (each with the options it verifies under); every mutant
 * (scripts/fuzz/mutate.ts) must satisfy three properties:
 * 1. it is accepted or rejected with a SamlfedError: nothing else is thrown (a TypeError would
 *    be a caller mistake, and the options here are correct);
 * 2. it costs at most `maxCpuMs` of CPU (process.cpuUsage, so a loaded machine does not count);
 * 3. when accepted, the identity (issuer, NameID, attributes, groups, session index) is the
 *    original's: no mutant logs in as someone else.
 */
import { readFileSync } from 'node:fs';
import { SamlfedError } from '../../src/errors.js';
import { verifyResponse } from '../../src/assertion/verify.js';
import type { ReplayCache, VerifiedLogin, VerifyOptions } from '../../src/assertion/types.js';
import { IDP_ADFS, IDP_EC, IDP_TENANT, SP_DECRYPTION_KEY, options } from '../../test/assertion/fixtures.js';
import { seededRandom } from './c14n-gen.js';
import { mutate } from './mutate.js';

const RESPONSES = new URL('../../test/fixtures/responses/', import.meta.url);

/** Seeds: file and the options it verifies under (as in test/assertion/shapes.test.ts). */
const SEEDS: ReadonlyArray<[string, Partial<VerifyOptions>]> = [
  ['response.assertion-signed.response-unsigned.xml', {}],
  ['response.response-signed.assertion-unsigned.xml', {}],
  ['response.both-signed.xml', {}],
  ['response.key-rollover.xml', {}],
  ['response.prefix-saml2.xml', {}],
  ['response.default-namespace.xml', {}],
  ['response.pretty-printed.xml', {}],
  ['response.sha512.xml', {}],
  ['response.no-keyinfo.xml', {}],
  ['response.comment-in-nameid.xml', {}],
  ['response.adfs-shaped.xml', { idp: IDP_ADFS }],
  ['response.tenant-shaped.xml', { idp: IDP_TENANT }],
  ['response.ecdsa-p256.xml', { idp: IDP_EC }],
  ['response.encrypted-assertion.gcm.xml', { decryptionKeys: [SP_DECRYPTION_KEY] }],
  ['response.encrypted-assertion.cbc.xml', { decryptionKeys: [SP_DECRYPTION_KEY] }],
];

/** Never remembers anything: every mutant is judged as a first delivery. */
const NO_REPLAY: ReplayCache = { has: () => false, add: () => undefined };

export interface VerifyFinding {
  readonly index: number;
  readonly seedFile: string;
  readonly kind: 'non-samlfed error' | 'slow' | 'other identity';
  readonly detail: string;
  readonly what: string;
  readonly input: string;
}

export interface VerifyFuzzResult {
  readonly inputs: number;
  readonly accepted: number;
  readonly rejected: Record<string, number>;
  readonly findings: VerifyFinding[];
  readonly maxCpuMs: number;
  readonly seconds: number;
}

function identity(l: VerifiedLogin): string {
  return JSON.stringify({ issuer: l.issuer, nameId: l.nameId, attributes: l.attributes, details: l.attributeDetails, groups: l.groups, sessionIndex: l.sessionIndex ?? null });
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/** Run `count` mutants from `seed`. `onProgress` is called every `progressEvery` inputs. */
export async function runVerifyFuzz(o: { seed: number; count: number; maxCpuMs?: number; progressEvery?: number; onProgress?: (done: number, findings: number) => void }): Promise<VerifyFuzzResult> {
  const limit = o.maxCpuMs ?? 300;
  const seeds = await Promise.all(
    SEEDS.map(async ([file, overrides]) => {
      const xml = readFileSync(new URL(file, RESPONSES), 'utf8');
      const opts = { ...options(overrides), replayCache: NO_REPLAY };
      const login = await verifyResponse(xml, opts);
      return { file, xml, opts, identity: identity(login) };
    }),
  );
  const rand = seededRandom(o.seed);
  const findings: VerifyFinding[] = [];
  const rejected: Record<string, number> = {};
  let accepted = 0;
  let maxCpu = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < o.count; i++) {
    const s = seeds[Math.floor(rand() * seeds.length)]!;
    const m = mutate(s.xml, rand);
    const text = typeof m.input === 'string' ? m.input : Buffer.from(m.input).toString('latin1');
    const before = process.cpuUsage();
    try {
      const login = await verifyResponse(m.input, s.opts);
      accepted++;
      const id = identity(login);
      if (id !== s.identity) findings.push({ index: i, seedFile: s.file, kind: 'other identity', detail: id, what: m.what, input: text });
    } catch (e) {
      if (e instanceof SamlfedError) rejected[e.code] = (rejected[e.code] ?? 0) + 1;
      else findings.push({ index: i, seedFile: s.file, kind: 'non-samlfed error', detail: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e), what: m.what, input: text });
    }
    const spent = cpuMs(process.cpuUsage(before));
    if (spent > maxCpu) maxCpu = spent;
    if (spent > limit) findings.push({ index: i, seedFile: s.file, kind: 'slow', detail: `${spent.toFixed(0)} ms of CPU`, what: m.what, input: text });
    if (o.onProgress && o.progressEvery && (i + 1) % o.progressEvery === 0) o.onProgress(i + 1, findings.length);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { inputs: o.count, accepted, rejected, findings, maxCpuMs: maxCpu, seconds };
}
