// `npm run bench [-- verify|lint ...] [--sizes 1k,10k] [--seconds N] [--slow]`
// samlfed against its peers and the native tools on the same inputs, in the same run; every
// contender runs in its own child process, must accept the valid input and reject a tampered copy
// before it is timed (otherwise it is reported as failed), and reports its peak RSS.
// Record results in bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { aggregateFiles, CACHE, fileDigest, hasTool, KEYS, MD, parseSize, ROOT, SIGNER_CERT } from './aggregate.mjs';
import { buildResponse, tamper } from './input.mjs';

// The `samlfed` command as installed: package.json "bin" (the bundle of scripts/build-bin.mjs).
const SAMLFED_BIN = `${ROOT}dist/bin/samlfed.js`;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: '1k,10k' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '3' },
    slow: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`Usage: npm run bench -- [verify] [lint] [--sizes 1k,10k,50k] [--seconds N] [--slow]
  verify          one SAML Response: samlfed, node-saml, samlify, xml-crypto, python3-xmlsec
  lint            signed aggregates: samlfed lint --trust, xmlsec1 --verify, xmllint --stream,
                  xml-crypto (1k only unless --slow), samlify per entity (1k only unless --slow)
  --sizes         aggregate sizes (default 1k,10k; 50k takes minutes and ~3 GB for the peers)
  --seconds       seconds per verify contender (default 3)
  --runs          lint: timed runs per contender, in interleaved rounds (default 3); the
                  tables show medians, and the range when there are several runs`);
  process.exit(0);
}
const jobs = positionals.length > 0 ? positionals : ['verify', 'lint'];
for (const j of jobs) if (j !== 'verify' && j !== 'lint') throw new Error(`bench: unknown job ${j} (verify, lint)`);
const seconds = Number(opts.seconds);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => p.startsWith('/') ? existsSync(p) : hasTool(p));
mkdirSync(CACHE, { recursive: true });

console.log(`samlfed bench, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`peak RSS: ${TIME ? '/usr/bin/time -f %M on each child' : 'reported by each child (getrusage); n/a for native tools without /usr/bin/time'}`);

/** Run a child, wall time and peak RSS (KB) from /usr/bin/time when present. */
function runTimed(cmd, args, { env } = {}) {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '@@time %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const wall = (performance.now() - t0) / 1000;
  let rssKB;
  let cpu;
  let stderr = r.stderr ?? '';
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
  if (m) {
    cpu = Number(m[2]) + Number(m[3]);
    rssKB = Number(m[4]);
    stderr = stderr.slice(0, m.index);
  }
  return { status: r.status, stdout: r.stdout ?? '', stderr, wall, cpu, rssKB, error: r.error };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => (xs.length < 2 ? '' : `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`);
const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);

// ---------------------------------------------------------------- verify one Response
function benchVerify() {
  const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const input = buildResponse(at);
  const bad = tamper(input);
  writeFileSync(`${CACHE}response.xml`, input.xml);
  writeFileSync(`${CACHE}response.tampered.xml`, bad.xml);
  console.log(`\n## Verify one SAML Response: ${input.xml.length} bytes (sha256 ${fileDigest(`${CACHE}response.xml`)}), assertion signed (RSA-SHA256, exc-c14n), 11 attributes; ${seconds} s per contender, one process each`);
  const rows = [];
  for (const [label, name] of [['samlfed verifyResponse (every SAML check)', 'samlfed'], ['@node-saml/node-saml validatePostResponseAsync', 'node-saml'], ['samlify parseLoginResponse (no XSD)', 'samlify'], ['xml-crypto parse + checkSignature only', 'xml-crypto']]) {
    const r = runTimed(process.execPath, ['--expose-gc', `${ROOT}bench/verify-child.mjs`, name, String(seconds), at.toISOString()]);
    rows.push({ label, ...parseChild(r) });
  }
  if (PYTHON) {
    const r = runTimed(PYTHON, [`${ROOT}bench/xmlsec_verify.py`, `${CACHE}response.xml`, `${CACHE}response.tampered.xml`, `${KEYS}idp-signing.crt.pem`, String(seconds)]);
    rows.push({ label: 'python3-xmlsec in-process (signature only)', ...parseChild(r) });
  } else rows.push({ label: 'python3-xmlsec', skipped: 'python3 not found' });
  const base = rows[0].ok ? rows[0].opsPerSec : undefined;
  const baseCpu = rows[0].ok ? rows[0].opsPerCpuSec : undefined;
  console.log('| contender | ops/s (wall) | ops per CPU-second | samlfed ÷ it (wall) | samlfed ÷ it (CPU) | peak RSS |\n|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    if (r.skipped) console.log(`| ${r.label} | skipped: ${r.skipped} | | | | |`);
    else if (!r.ok) console.log(`| ${r.label} | FAILED: ${r.error} | | | | |`);
    else console.log(`| ${r.label} | ${r.opsPerSec.toFixed(0)} | ${r.opsPerCpuSec.toFixed(0)} | ${base ? `${(base / r.opsPerSec).toFixed(2)}x` : 'n/a'} | ${baseCpu ? `${(baseCpu / r.opsPerCpuSec).toFixed(2)}x` : 'n/a'} | ${mb(r.rssKB ?? r.maxRssKB)} |`);
  }
}

function parseChild(r) {
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    const j = JSON.parse(line);
    return { ...j, rssKB: r.rssKB ?? j.maxRssKB };
  } catch {
    return { ok: false, error: `no result (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ').slice(0, 200)}` };
  }
}

// ---------------------------------------------------------------- lint signed aggregates
const XMLSEC_ARGS = (file) => ['--verify', '--pubkey-cert-pem', SIGNER_CERT, '--id-attr:ID', `${MD}:EntitiesDescriptor`, file];

/** samlfed's verdict from `lint -f json`: was the signature found valid? */
function samlfedSignatureValid(r) {
  try {
    const j = JSON.parse(r.stdout);
    const findings = j.files[0].findings;
    return { valid: !findings.some((f) => f.ruleId.startsWith('metadata-signature') || f.ruleId === 'metadata-unsigned' || f.ruleId.startsWith('xml-')), entities: j.files[0].entities, findings: findings.length };
  } catch (e) {
    return { valid: false, error: `unreadable output (exit ${r.status}): ${r.stderr.trim().slice(0, 200)}` };
  }
}

function lintContenders(n) {
  const big = n > 1000 && !opts.slow;
  const list = [
    {
      label: 'samlfed lint --trust (every rule + signature; --threads auto: two from 8 MiB)',
      run: (f) => runTimed(process.execPath, [SAMLFED_BIN, 'lint', '--trust', SIGNER_CERT, '-f', 'json', '--now', '2026-12-01', f]),
      accepts: (r) => samlfedSignatureValid(r).valid,
      note: (r) => { const s = samlfedSignatureValid(r); return `${s.entities} entities, ${s.findings} findings`; },
    },
    {
      label: 'samlfed lint --trust --threads 1 (the same, one thread)',
      run: (f) => runTimed(process.execPath, [SAMLFED_BIN, 'lint', '--trust', SIGNER_CERT, '-f', 'json', '--now', '2026-12-01', '--threads', '1', f]),
      accepts: (r) => samlfedSignatureValid(r).valid,
      note: (r) => { const s = samlfedSignatureValid(r); return `${s.entities} entities, ${s.findings} findings`; },
    },
    hasTool('xmlsec1') && { label: 'xmlsec1 --verify (signature only)', run: (f) => runTimed('xmlsec1', XMLSEC_ARGS(f)), accepts: (r) => r.status === 0 },
    hasTool('xmllint') && { label: 'xmllint --stream --noout (parse only; rejects a malformed copy)', run: (f) => runTimed('xmllint', ['--stream', '--noout', f]), accepts: (r) => r.status === 0, badInput: 'malformed' },
    { label: 'xml-crypto parse + checkSignature (signature only)', run: (f) => runTimed(process.execPath, [`${ROOT}bench/lint-child.mjs`, 'xml-crypto', f]), accepts: (r) => r.status === 0, skip: big && 'over 1k entities only with --slow (minutes, GBs)' },
    { label: 'samlify metadata per entity (no aggregate signature: not checked)', run: (f) => runTimed(process.execPath, [`${ROOT}bench/lint-child.mjs`, 'samlify', f]), accepts: (r) => r.status === 0, noReject: true, skip: big && 'over 1k entities only with --slow' },
  ];
  return list.filter(Boolean);
}

function benchLint() {
  if (!existsSync(SAMLFED_BIN)) throw new Error('bench: dist/ missing (npm run build)');
  /** contender label -> its timed figures at each size, for the scaling table. */
  const scaling = new Map();
  for (const size of opts.sizes.split(',')) {
    const n = parseSize(size);
    const t0 = performance.now();
    const files = aggregateFiles(n);
    const made = (performance.now() - t0) / 1000;
    console.log(`\n## lint a signed aggregate: ${n} entities, ${(files.bytes / 1e6).toFixed(1)} MB (sha256 ${fileDigest(files.signed)}; signed with ${files.signer}${made > 1 ? `, generated in ${made.toFixed(1)} s` : ', cached'})`);
    const runs = Math.max(1, Number(opts.runs) || 1);
    // Check every contender first (valid accepted, bad copy refused), then time the ones that
    // passed in `runs` interleaved rounds: a burst of load on a shared machine hits every
    // contender alike instead of one of them.
    const rows = [];
    const timed = [];
    for (const c of lintContenders(n)) {
      if (c.skip) {
        rows.push({ label: c.label, skipped: c.skip });
        continue;
      }
      const badFile = c.badInput === 'malformed' ? files.malformed : files.tampered;
      if (!c.noReject) {
        const rb = c.run(badFile);
        if (c.accepts(rb)) {
          rows.push({ label: c.label, failed: `ACCEPTED the ${c.badInput ?? 'tampered'} copy` });
          continue;
        }
      }
      const r = c.run(files.signed);
      if (!c.accepts(r)) {
        rows.push({ label: c.label, failed: `refused the valid aggregate (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-1)[0]?.slice(0, 160) ?? ''}` });
        continue;
      }
      const row = { label: c.label, samples: [], note: c.note?.(r) };
      rows.push(row);
      timed.push([c, row]);
    }
    for (let round = 0; round < runs; round++) {
      for (const [c, row] of timed) {
        const r = c.run(files.signed);
        if (!c.accepts(r)) throw new Error(`bench: ${c.label} refused the valid aggregate in round ${round + 1}`);
        row.samples.push(r);
      }
    }
    for (const row of rows) {
      if (!row.samples) continue;
      row.wall = median(row.samples.map((x) => x.wall));
      row.wallRange = range(row.samples.map((x) => x.wall));
      const cpus = row.samples.map((x) => x.cpu).filter((x) => x !== undefined);
      if (cpus.length > 0) row.cpu = median(cpus);
      const rss = row.samples.map((x) => x.rssKB).filter((x) => x !== undefined);
      if (rss.length > 0) row.rssKB = Math.max(...rss);
    }
    if (runs > 1) console.log(`${runs} timed runs per contender in interleaved rounds: median wall (range) and CPU, the highest peak RSS.`);
    const base = rows[0]?.wall;
    const baseCpu = rows[0]?.cpu;
    console.log('| contender | wall | CPU (user+sys) | peak RSS | samlfed wall ÷ its wall | samlfed CPU ÷ its CPU | |\n|---|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      if (r.skipped) console.log(`| ${r.label} | skipped: ${r.skipped} | | | | | |`);
      else if (r.failed) console.log(`| ${r.label} | FAILED: ${r.failed} | | | | | |`);
      else console.log(`| ${r.label} | ${r.wall.toFixed(2)} s${r.wallRange ? ` (${r.wallRange})` : ''} | ${r.cpu === undefined ? 'n/a' : `${r.cpu.toFixed(2)} s`} | ${mb(r.rssKB)} | ${base ? `${(base / r.wall).toFixed(1)}x` : ''} | ${baseCpu && r.cpu ? `${(baseCpu / r.cpu).toFixed(1)}x` : ''} | ${r.note ?? ''} |`);
      if (r.samples) scaling.set(r.label, [...(scaling.get(r.label) ?? []), { n, wall: r.wall, cpu: r.cpu, rssKB: r.rssKB }]);
    }
  }
  printScaling(scaling);
}

/**
 * Issue 10's scaling targets, per contender timed at two sizes or more: time linear in the number
 * of entities (wall and CPU per 1,000 entities between the two largest sizes) and memory flat (peak
 * RSS at the largest size over that at the smallest).
 */
function printScaling(scaling) {
  const rows = [...scaling].filter(([, v]) => v.length > 1);
  if (rows.length === 0) return;
  const sizes = rows[0][1].map((x) => x.n).join(' / ');
  console.log(`\n## Scaling: ${sizes} entities`);
  console.log('| contender | wall | CPU | peak RSS | RSS largest ÷ smallest | wall, CPU per 1,000 entities between the two largest |\n|---|---|---|---|---:|---|');
  for (const [label, v] of rows) {
    const sorted = [...v].sort((a, b) => a.n - b.n);
    const [lo, a, b] = [sorted[0], sorted[sorted.length - 2], sorted[sorted.length - 1]];
    const per = (x, y) => (x === undefined || y === undefined ? 'n/a' : `${((1000 * (y - x)) / (b.n - a.n)).toFixed(3)} s`);
    const rss = lo.rssKB && b.rssKB ? `${(b.rssKB / lo.rssKB).toFixed(2)}x` : 'n/a';
    console.log(`| ${label} | ${sorted.map((x) => `${x.wall.toFixed(2)} s`).join(' / ')} | ${sorted.map((x) => (x.cpu === undefined ? 'n/a' : `${x.cpu.toFixed(2)} s`)).join(' / ')} | ${sorted.map((x) => mb(x.rssKB)).join(' / ')} | ${rss} | ${per(a.wall, b.wall)}, ${per(a.cpu, b.cpu)} |`);
  }
}

if (jobs.includes('verify')) benchVerify();
if (jobs.includes('lint')) benchLint();
