// `npm run bench`: samlfed against its peers on the same input, in the same run.
// Prints ops/s, µs per op and the ratio to samlfed. Record results in bench/README.md.
import { buildResponse, idpMetadata, IDP, SP, ACS } from './input.mjs';
import { samlifyVerifier, nodeSamlVerifier, xmlCryptoVerifier } from './peers.mjs';
import { benchMetadata } from './metadata.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);

async function measure(name, fn, input) {
  // Sanity: every verifier must accept the input before it is timed.
  await fn(input);
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) await fn(input);
  globalThis.gc?.();
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 20; i++) await fn(input);
    n += 20;
  }
  const us = ((performance.now() - t0) * 1000) / n;
  return { name, opsPerSec: 1e6 / us, us };
}

async function samlfedVerifier() {
  const { verifyResponse } = await import('../dist/assertion/index.js');
  const { parseMetadata } = await import('../dist/metadata/index.js');
  const idp = parseMetadata(idpMetadata());
  const replayCache = { has: () => false, add: () => {} }; // same assertion every iteration
  return async (input) => {
    const r = await verifyResponse(input.base64, { idp, sp: { entityId: SP, acsUrls: [ACS] }, replayCache });
    return r.nameId.value;
  };
}

const input = buildResponse();
console.log(`Verify one SAML Response: ${input.xml.length} bytes, assertion signed (RSA-SHA256, exc-c14n), 11 attributes; ${seconds}s per verifier, Node ${process.version}`);
const rows = [];
for (const [name, make] of [['samlfed verifyResponse', samlfedVerifier], ['samlify parseLoginResponse', samlifyVerifier], ['@node-saml/node-saml validatePostResponseAsync', nodeSamlVerifier], ['xml-crypto parse + checkSignature only', xmlCryptoVerifier]]) {
  try {
    rows.push(await measure(name, await make(), input));
  } catch (e) {
    rows.push({ name, error: e instanceof Error ? e.message : String(e) });
  }
}
const base = rows[0] && 'us' in rows[0] ? rows[0].us : undefined;
console.log('| verifier | ops/s | µs/op | samlfed speed-up |\n|---|---:|---:|---:|');
for (const r of rows) {
  if ('error' in r) console.log(`| ${r.name} | failed: ${r.error} | | |`);
  else console.log(`| ${r.name} | ${r.opsPerSec.toFixed(0)} | ${r.us.toFixed(0)} | ${base ? `${(r.us / base).toFixed(1)}x` : 'n/a'} |`);
}
await benchMetadata();
