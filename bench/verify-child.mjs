// One verify contender in its own process (no JIT or heap interference between contenders):
//   node --expose-gc bench/verify-child.mjs <contender> <seconds> <at-ISO>
// Checks that the contender accepts the Response and rejects the tampered copy, then measures
// ops/s on one core. Prints one JSON line: { ok, opsPerSec, us, maxRssKB } or { ok: false, error }.
import { buildResponse, tamper, idpMetadata, SP, ACS } from './input.mjs';

const [name, secondsArg, atArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const at = new Date(atArg ?? Date.now());

async function samlfedVerifier() {
  const { verifyResponse } = await import('../dist/assertion/index.js');
  const { parseMetadata } = await import('../dist/metadata/index.js');
  const idp = parseMetadata(idpMetadata());
  const replayCache = { has: () => false, add: () => {} }; // the same assertion every iteration
  return async (input) => {
    const r = await verifyResponse(input.base64, { idp, sp: { entityId: SP, acsUrls: [ACS] }, replayCache });
    return r.nameId.value;
  };
}

// The peers are imported only in their own child: nothing of theirs is loaded next to samlfed.
const peer = (name) => async () => (await import('./peers.mjs'))[name]();
const MAKERS = { samlfed: samlfedVerifier, samlify: peer('samlifyVerifier'), 'node-saml': peer('nodeSamlVerifier'), 'xml-crypto': peer('xmlCryptoVerifier') };

async function main() {
  const make = MAKERS[name];
  if (!make) throw new Error(`unknown contender ${name}`);
  const input = buildResponse(at);
  const bad = tamper(input);
  const fn = await make();
  const value = await fn(input);
  // xml-crypto alone reads no SAML value: it reports 'ok' for a signature that verifies.
  if (value !== (name === 'xml-crypto' ? 'ok' : 'alice@partner.example')) throw new Error(`accepted the valid Response but read ${JSON.stringify(value)}`);
  let rejected = false;
  try {
    const v = await fn(bad);
    rejected = v === undefined || v === null || v === false;
  } catch {
    rejected = true;
  }
  if (!rejected) throw new Error('ACCEPTED the tampered Response');
  // Warm up by count as well as by time: on a loaded machine 0.5 s is too few calls for the JIT.
  const warmStart = performance.now();
  for (let i = 0; performance.now() - warmStart < 500 || (i < 300 && performance.now() - warmStart < 15_000); i++) await fn(input);
  globalThis.gc?.();
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 20; i++) await fn(input);
    n += 20;
  }
  const us = ((performance.now() - t0) * 1000) / n;
  const c = process.cpuUsage(c0);
  // Ops per CPU-second of this process: robust to other load on a shared machine (wall rate is not).
  const opsPerCpuSec = n / ((c.user + c.system) / 1e6);
  return { ok: true, opsPerSec: 1e6 / us, opsPerCpuSec, us, n, maxRssKB: process.resourceUsage().maxRSS };
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (e) => console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) })),
);
