// Metadata side of `npm run bench`: lint a federation aggregate entity by entity.
// Input: a synthetic aggregate of N entities (default 10,000, eduGAIN-sized), built
// in memory with the project's test certificate, and the SWAMID aggregate from
// ../shared/corpus when present. Peers: xmldom parse alone (the floor for any
// xmldom-based tool) and samlify loading each entity's metadata.
import { existsSync, readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import * as samlify from 'samlify';
import { certBase64 } from './input.mjs';

const N = Number(process.env.BENCH_ENTITIES ?? 10_000);

function entity(i) {
  const idp = i % 2 === 0;
  const kd = `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  const role = idp
    ? `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${kd}<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp${i}.example.org/sso"/><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp${i}.example.org/sso"/></md:IDPSSODescriptor>`
    : `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${kd}<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp${i}.example.org/acs" index="0"/></md:SPSSODescriptor>`;
  return `<md:EntityDescriptor entityID="https://${idp ? 'idp' : 'sp'}${i}.example.org/">${role}<md:Organization><md:OrganizationName xml:lang="en">Org ${i}</md:OrganizationName><md:OrganizationDisplayName xml:lang="en">Org ${i}</md:OrganizationDisplayName><md:OrganizationURL xml:lang="en">https://org${i}.example.org/</md:OrganizationURL></md:Organization><md:ContactPerson contactType="technical"><md:EmailAddress>mailto:ops@org${i}.example.org</md:EmailAddress></md:ContactPerson></md:EntityDescriptor>`;
}

export function syntheticAggregate(n = N) {
  const parts = ['<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="urn:example:bench">'];
  for (let i = 0; i < n; i++) parts.push(entity(i));
  parts.push('</md:EntitiesDescriptor>');
  return parts.join('\n');
}

function time(fn) {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  globalThis.gc?.(); // what the result keeps alive (the DOM, the model), not transient garbage
  return { ms, heapMB: Math.max(0, process.memoryUsage().heapUsed - heap0) / 1048576, out };
}

export async function benchMetadata() {
  let lint;
  try {
    ({ lintMetadata: lint } = await import('../dist/metadata/index.js'));
  } catch {}
  const inputs = [[`synthetic aggregate, ${N} entities`, syntheticAggregate()]];
  const swamid = new URL('../../shared/corpus/metadata/swamid-aggregate.xml', import.meta.url);
  if (existsSync(swamid)) inputs.push(['SWAMID aggregate (../shared/corpus), 175 entities', readFileSync(swamid, 'utf8')]);
  for (const [label, xml] of inputs) {
    console.log(`\nLint a federation aggregate: ${label}, ${(xml.length / 1048576).toFixed(1)} MB`);
    console.log('| what | time | heap retained | vs samlfed |\n|---|---:|---:|---:|');
    const rows = [];
    if (typeof lint === 'function') {
      const r = time(() => lint(xml, { now: new Date() }));
      rows.push([`samlfed lintMetadata (${r.out.entities} entities, ${r.out.findings.length} findings)`, r]);
    } else rows.push(['samlfed lintMetadata (not built)', undefined]);
    rows.push(['@xmldom/xmldom parse only', time(() => new DOMParser().parseFromString(xml, 'text/xml'))]);
    // samlify loads one entity's metadata at a time; measure 500 and extrapolate.
    const entities = xml.match(/<(?:md:)?EntityDescriptor[\s\S]*?<\/(?:md:)?EntityDescriptor>/g) ?? [];
    const sample = entities.slice(0, 500);
    const s = time(() => {
      for (const e of sample) {
        const withNs = e.replace(/^<(md:)?EntityDescriptor/, '<$1EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"');
        try { samlify.IdentityProvider({ metadata: withNs }); } catch {}
      }
    });
    rows.push([`samlify IdentityProvider per entity (${sample.length} measured, extrapolated to ${entities.length})`, { ms: (s.ms * entities.length) / Math.max(1, sample.length), heapMB: s.heapMB }]);
    const base = rows[0][1]?.ms;
    for (const [name, r] of rows) {
      if (!r) console.log(`| ${name} | n/a | | |`);
      else console.log(`| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${r.heapMB.toFixed(0)} MB | ${base ? `${(r.ms / base).toFixed(1)}x` : 'n/a'} |`);
    }
  }
}
