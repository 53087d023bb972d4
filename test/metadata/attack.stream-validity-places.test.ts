/**
 * Where the streamed lint keeps an entity in its group's `children` (src/metadata/stream: only
 * entities that carry a validUntil, their own or an IDP/SP role's, SAML metadata 2.0 §2.3.2,
 * §2.4.1; on two threads a place is reserved only when the entity's start tags show an attribute
 * named validUntil, and the places of entities in flight are a ring queue, pending-places.ts).
 *
 * Seeded aggregates of thousands of small entities (so that well over 1,024 entities are in flight
 * between the parsing thread and the worker, and the ring grows), in nested groups interleaved with
 * entities, where validUntil sits on the entity, on an IDP or SP role, on both, in another
 * namespace, deeper than a role, on a role-like element of another namespace, expired, in the
 * future or unparsable; with duplicate, empty and missing entityIDs. Both streaming paths must
 * give exactly the tree lint's result (findings, messages, positions, entityIds, counts).
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import type { MutableGroup } from '../../src/metadata/stream/kept.js';
import { PendingPlaces } from '../../src/metadata/stream/pending-places.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const NOW = new Date('2026-06-15T00:00:00Z');
const VALUES = ['2001-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 'not a date', '2026-06-15T00:00:00Z'];
const ROLE = (kind: 'IDP' | 'SP', attrs: string) =>
  `<md:${kind}SSODescriptor${attrs} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>`;

/** The validUntil values the model reads (metadata 2.0 §2.3.1, §2.3.2, §2.4.1), counted by element and value. */
type Tally = Map<string, number>;
const count = (t: Tally, what: string, value: string): string => {
  t.set(`${what} ${value}`, (t.get(`${what} ${value}`) ?? 0) + 1);
  return value;
};

/** One entity of a random kind; `id` picks its entityID (duplicates on purpose); what the model reads of it goes to `t`. */
function entity(r: () => number, id: string, t: Tally): string {
  const v = (what: string) => count(t, what, VALUES[Math.floor(r() * VALUES.length)]!);
  const any = () => VALUES[Math.floor(r() * VALUES.length)]!;
  const idAttr = id === '<none>' ? '' : ` entityID="${id}"`;
  switch (Math.floor(r() * 13)) {
    case 0:
      return `<md:EntityDescriptor${idAttr} validUntil="${v('EntityDescriptor')}"/>`;
    case 1:
      return `<md:EntityDescriptor${idAttr}>${ROLE('IDP', ` validUntil="${v('IDPSSODescriptor')}"`)}</md:EntityDescriptor>`;
    case 2: {
      const e = v('EntityDescriptor');
      const sp = v('SPSSODescriptor');
      return `<md:EntityDescriptor${idAttr} validUntil="${e}">${ROLE('SP', '')}${ROLE('SP', ` validUntil="${sp}"`)}${ROLE('IDP', ` validUntil="${v('IDPSSODescriptor')}"`)}</md:EntityDescriptor>`;
    }
    case 7: // an SP role only
      return `<md:EntityDescriptor${idAttr}>${ROLE('SP', ` validUntil="${v('SPSSODescriptor')}"`)}</md:EntityDescriptor>`;
    case 3: // another namespace: the model reads no validUntil (a place is reserved all the same)
      return `<md:EntityDescriptor xmlns:x="urn:x"${idAttr} x:validUntil="${any()}"><x:IDPSSODescriptor validUntil="${any()}"/></md:EntityDescriptor>`;
    case 4: // deeper than a role: not read, no place
      return `<md:EntityDescriptor${idAttr}><md:Extensions><md:IDPSSODescriptor validUntil="${any()}"/></md:Extensions></md:EntityDescriptor>`;
    case 5: // a role without validUntil, text around it
      return `<md:EntityDescriptor${idAttr}>\n  ${ROLE('IDP', '')}\n</md:EntityDescriptor>`;
    case 6: // an EntitiesDescriptor-looking attribute name and an entity nested in the entity (not an entity of the group)
      return `<md:EntityDescriptor${idAttr} validuntil="x"><md:EntityDescriptor entityID="inner" validUntil="${any()}"/></md:EntityDescriptor>`;
    default:
      return `<md:EntityDescriptor${idAttr}/>`;
  }
}

/** A random aggregate of about `n` entities in nested groups (some with their own validUntil, some empty). */
function aggregate(r: () => number, n: number): { xml: string; entities: number; tally: Tally } {
  const tally: Tally = new Map();
  let entities = 0;
  const idOf = (): string => {
    const k = r();
    if (k < 0.03) return '<none>';
    if (k < 0.05) return '';
    if (k < 0.15) return `https://dup${Math.floor(r() * 20)}.example/`;
    return `https://e${entities}.example/`;
  };
  const group = (depth: number, budget: number): string => {
    const parts: string[] = [];
    let left = budget;
    while (left > 0) {
      if (depth < 4 && r() < 0.01) {
        const size = Math.floor(r() * Math.min(left, 400));
        const va = r() < 0.3 ? ` validUntil="${count(tally, 'EntitiesDescriptor', VALUES[Math.floor(r() * VALUES.length)]!)}"` : '';
        parts.push(`<md:EntitiesDescriptor Name="g${depth}-${left}"${va}>${group(depth + 1, size)}</md:EntitiesDescriptor>`);
        left -= size;
      } else {
        parts.push(entity(r, idOf(), tally));
        entities++;
        left--;
      }
      if (r() < 0.1) parts.push('\n');
    }
    return parts.join('');
  };
  const body = group(1, n);
  return { xml: `<?xml version="1.0"?>\n<md:EntitiesDescriptor xmlns:md="${MD}" validUntil="2099-01-01T00:00:00Z">\n${body}</md:EntitiesDescriptor>\n`, entities, tally };
}

function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe.each(STREAM_PATHS)('validUntil places in streamed groups, %s = tree lint', (_name, stream) => {
  const SEED = 7331;
  it.each([
    [1, 3000],
    [2, 2500],
    [3, 1200],
  ])('seed %i: %i entities, one chunk and 4,099-byte chunks', async (k, n) => {
    const { xml, entities, tally } = aggregate(seededRandom(SEED + k), n);
    const bytes = Buffer.from(xml);
    const opts: LintOptions = { now: NOW };
    const tree = lintMetadata(bytes, opts);
    expect(tree.entities).toBe(entities);
    // The input exercises what it is meant to: validity findings at every level, duplicates.
    const rules = new Set(tree.findings.map((f) => f.ruleId));
    for (const id of ['valid-until-expired', 'valid-until-invalid', 'entity-id-duplicate']) expect(rules).toContain(id);
    // Every expired or unparsable validUntil the model reads is reported once, at every level (none skipped).
    for (const what of ['EntitiesDescriptor', 'EntityDescriptor', 'IDPSSODescriptor', 'SPSSODescriptor']) {
      const expired = tree.findings.filter((f) => f.ruleId === 'valid-until-expired' && f.message.startsWith(`${what} validUntil 2001-01-01T00:00:00Z `));
      const invalid = tree.findings.filter((f) => f.ruleId === 'valid-until-invalid' && f.message.startsWith(`${what} validUntil "not a date" `));
      expect(expired.length, `${what} expired`).toBe(tally.get(`${what} 2001-01-01T00:00:00Z`) ?? 0);
      expect(invalid.length, `${what} invalid`).toBe(tally.get(`${what} not a date`) ?? 0);
      if (what !== 'EntitiesDescriptor') expect(expired.length, what).toBeGreaterThan(5);
    }
    for (const size of [bytes.length, 4099]) {
      const streamed = await stream(chunks(bytes, size), opts);
      expect(streamed, `chunk size ${size}`).toEqual(tree);
    }
  }, 20_000);
});

describe('PendingPlaces (the two-thread lint\'s queue of places in flight)', () => {
  const groups = Array.from({ length: 7 }, (_, i) => ({ kind: 'entities', children: [], signed: false, name: `g${i}` }) as unknown as MutableGroup);

  it('returns every place in push order through growth past 1,024, 4,096 and 16,384 and wrap-around (seeded interleaving)', () => {
    const r = seededRandom(99);
    const q = new PendingPlaces();
    const model: [MutableGroup, number][] = [];
    let head = 0;
    let pushed = 0;
    let maxSize = 0;
    for (let step = 0; step < 120_000; step++) {
      // Phases: fill in bursts (growth while the head is mid-ring), then drain.
      const phase = Math.floor(step / 20_000) % 2;
      if (r() < (phase === 0 ? 0.8 : 0.3) || head === model.length) {
        const g = groups[Math.floor(r() * groups.length)]!;
        const slot = r() < 0.5 ? -2 : pushed;
        q.push(g, slot);
        model.push([g, slot]);
        pushed++;
      } else {
        const got = q.shift();
        const [g, slot] = model[head++]!;
        expect(got.group).toBe(g);
        expect(got.slot).toBe(slot);
      }
      maxSize = Math.max(maxSize, model.length - head);
    }
    while (head < model.length) {
      const got = q.shift();
      const [g, slot] = model[head++]!;
      expect([got.group, got.slot]).toEqual([g, slot]);
    }
    expect(maxSize).toBeGreaterThan(16_384);
    expect(() => q.shift()).toThrow(/no entity sent/);
  });
});
