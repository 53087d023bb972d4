// The per-entity side of the streaming lint, in process: `readEntityDescriptor` plus every entity
// rule over every md:EntityDescriptor of an aggregate that was parsed once (outside the timing).
// Each run is a fresh process (no warm caches carried over); CPU time via process.cpuUsage.
//
//   npm run build && node bench/entity-side.mjs [file] [--runs 7]
//   node bench/entity-side.mjs [file] --once      # one run, prints JSON (used by the parent)
//   node bench/entity-side.mjs [file] --once --profile out.cpuprofile   # CPU profile of the timed loop
//   node bench/entity-side.mjs [file] --dist /tmp/dist-before          # A/B: alternate runs of dist/ and a saved copy
//   node bench/entity-side.mjs [file] --build      # also build each subtree from recorded stream events
//
// Default file: .tmp/bench/aggregate-v4-10000.signed.xml (made by `npm run bench -- lint --sizes 10k`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};
const VALUED = new Set(['--runs', '--profile', '--dist']);
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && VALUED.has(args[i - 1]))) ?? `${ROOT}.tmp/bench/aggregate-v4-10000.signed.xml`;
// --dist DIR: time another build (A/B against a saved copy of dist/); runs alternate between the two.
const DIST = `${ROOT}dist/`;

if (args.includes('--once')) {
  const dist = pathToFileURL(resolve(flag('--dist', DIST))).href.replace(/\/?$/, '/');
  const { parseXml } = await import(`${dist}xml/parse.js`);
  const { NS } = await import(`${dist}xml/namespaces.js`);
  const { readEntityDescriptor } = await import(`${dist}metadata/read-entity.js`);
  const { RULE_LIST } = await import(`${dist}metadata/lint/rules/index.js`);
  const { withCertificateCache } = await import(`${dist}certs/cache.js`);
  const { RepeatCertificateCache } = await import(`${dist}certs/repeat-cache.js`);
  const ctx = { now: new Date('2026-12-01T00:00:00Z'), expiryWarningDays: 30, single: false, trustGiven: true };
  const rules = RULE_LIST.filter((r) => r.scope === 'entity');
  const cache = new RepeatCertificateCache();
  let work;
  if (!args.includes('--build')) {
    // What the brief of this harness asks: the model and the rules over elements of one parseXml tree.
    const { root } = parseXml(readFileSync(file), { maxBytes: 1 << 30 });
    const entities = [];
    for (let n = root.firstChild; n !== null; n = n.nextSibling) {
      if (n.nodeType === 1 && n.namespaceURI === NS.MD && n.localName === 'EntityDescriptor') entities.push(n);
    }
    work = () => {
      let findings = 0;
      for (const el of entities) {
        const entity = withCertificateCache(cache, () => readEntityDescriptor(el));
        for (const rule of rules) findings += rule.check(entity, ctx).length;
      }
      return { entities: entities.length, findings };
    };
  } else {
    // --build: the whole per-entity side of the streaming lint (src/metadata/stream/lint-stream.ts):
    // each EntityDescriptor's events (recorded from the stream reader beforehand) built into a subtree
    // under the root's start tag (SubtreeBuilder -> TreeBuilder), read, linted and detached.
    const { readXmlStream } = await import(`${dist}xml/stream/reader.js`);
    const { SubtreeBuilder } = await import(`${dist}xml/stream/build.js`);
    let rootEl;
    const events = []; // per entity: [kind, payload] with kind 0 start, 1 end, 2 text, 3 cdata
    let current;
    readXmlStream([readFileSync(file)], {
      startElement(el, depth) {
        if (depth === 1) rootEl = el;
        else if (depth === 2 && el.uri === NS.MD && el.local === 'EntityDescriptor') events.push((current = [0, el]));
        else if (current !== undefined) current.push(0, el);
      },
      endElement(_el, depth) {
        if (current === undefined) return;
        current.push(1, undefined);
        if (depth === 2) current = undefined;
      },
      text(data, _depth, cdata) {
        if (current !== undefined) current.push(cdata ? 3 : 2, data);
      },
      pi() {},
    }, { maxBytes: 1 << 30 });
    work = () => {
      let findings = 0;
      const builder = new SubtreeBuilder();
      builder.start(rootEl);
      for (const ev of events) {
        let dom;
        for (let i = 0; i < ev.length; i += 2) {
          const k = ev[i];
          if (k === 0) {
            const el = builder.start(ev[i + 1]);
            dom ??= el;
          } else if (k === 1) builder.end();
          else if (k === 2) builder.text(ev[i + 1]);
          else builder.cdata(ev[i + 1]);
        }
        const entity = withCertificateCache(cache, () => readEntityDescriptor(dom));
        builder.detach(dom);
        for (const rule of rules) findings += rule.check(entity, ctx).length;
      }
      return { entities: events.length, findings };
    };
  }
  // The parse's garbage is collected before the clock starts (the child runs with --expose-gc): the
  // timed loop should not pay a major GC for the tree it was handed.
  globalThis.gc?.();
  const profile = flag('--profile', undefined); // write a .cpuprofile of the timed loop only
  let session;
  if (profile !== undefined) {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const { entities, findings } = work();
  const cpu = process.cpuUsage(t0);
  const wall = performance.now() - w0;
  if (session !== undefined) {
    const { profile: p } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(profile, JSON.stringify(p));
  }
  process.stdout.write(JSON.stringify({ entities, findings, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: wall }) + '\n');
} else {
  const runs = Number(flag('--runs', '7'));
  const other = flag('--dist', undefined);
  const builds = other === undefined ? [['dist', DIST]] : [['dist', DIST], [other, resolve(other)]];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (range ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
  const results = builds.map(() => ({ cpus: [], walls: [], last: undefined }));
  for (let i = 0; i < runs; i++) {
    for (let b = 0; b < builds.length; b++) {
      const r = results[b];
      r.last = JSON.parse(execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), file, '--once', '--dist', builds[b][1], ...(args.includes('--build') ? ['--build'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 }));
      r.cpus.push(r.last.cpuMs);
      r.walls.push(r.last.wallMs);
    }
  }
  console.log(`${file}: ${results[0].last.entities} entities, ${runs} runs each`);
  for (let b = 0; b < builds.length; b++) {
    const r = results[b];
    console.log(`  ${builds[b][0]}: ${args.includes('--build') ? 'subtree build + ' : ''}readEntityDescriptor + entity rules, ${r.last.findings} findings; CPU ${fmt(r.cpus)}; wall ${fmt(r.walls)}`);
  }
}
