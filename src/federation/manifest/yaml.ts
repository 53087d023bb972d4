import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { describeData } from '../describe.js';
import { ManifestError } from '../errors.js';
import { formatPath, type FieldPath } from './path.js';
import { YAML_MAX_NESTING, yamlNestingDepth } from './yaml-depth.js';

/** 1-based position of a node in the manifest text. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** Plain data read from YAML or JSON, with the position of every value and key by field path. */
export interface PositionedTree {
  readonly value: unknown;
  /** Position of the value at a path (formatPath). */
  readonly at: (path: FieldPath) => Pos | undefined;
  /** Position of the key of the value at a path. */
  readonly keyAt: (path: FieldPath) => Pos | undefined;
}

/** Limits that keep a hostile manifest from costing much. */
export const MANIFEST_LIMITS = Object.freeze({ maxBytes: 256 * 1024, maxAliases: 16, maxNodes: 20_000, maxDepth: 32 });

/**
 * Parse YAML 1.2 (core schema; JSON is a subset) into plain data, refusing: syntax errors,
 * several documents, duplicate keys (reported with both positions and the field path),
 * non-string keys, more than `maxAliases` aliases, and oversized or over-deep input.
 */
export function readPositionedYaml(text: string, file: string | undefined): PositionedTree {
  if (Buffer.byteLength(text, 'utf8') > MANIFEST_LIMITS.maxBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected a manifest of at most ${MANIFEST_LIMITS.maxBytes} bytes, found ${bytes} bytes`, { file, expected: `<= ${MANIFEST_LIMITS.maxBytes} bytes`, actual: bytes });
  }
  // Refuse hostile nesting before the (recursive) composer sees it; moderate excess (33..64 levels)
  // still reaches the walker below, which reports the field path.
  if (yamlNestingDepth(text, YAML_MAX_NESTING) > YAML_MAX_NESTING) {
    throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected YAML nested at most ${MANIFEST_LIMITS.maxDepth} levels deep, found nesting too deep to parse`, { file, expected: `<= ${MANIFEST_LIMITS.maxDepth} levels`, actual: `> ${YAML_MAX_NESTING}` });
  }
  const lineCounter = new LineCounter();
  // uniqueKeys: false so duplicates reach the walker below, which reports the field path.
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: false, merge: false, prettyErrors: false, strict: true });
  const pos = (offset: number | undefined): Pos | undefined => (offset === undefined ? undefined : { line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col });
  const firstError = doc.errors[0];
  if (firstError) {
    const p = pos(firstError.pos[0]);
    // The yaml composer recurses per nesting level and reports its own stack overflow as an
    // error: that is hostile nesting (`[[[[...`, `- - - ...`), not a typo.
    if (/call stack/i.test(firstError.message)) {
      throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected YAML nested at most ${MANIFEST_LIMITS.maxDepth} levels deep, found nesting too deep to parse`, { file, ...p, expected: `<= ${MANIFEST_LIMITS.maxDepth} levels`, actual: 'deeper', cause: firstError });
    }
    const detail = firstError.message.split('\n')[0] ?? firstError.message;
    throw new ManifestError('ERR_MANIFEST_SYNTAX', `not valid YAML/JSON: ${detail.replace(/ at line \d+, column \d+.*$/, '')}`, { file, ...p, cause: firstError });
  }

  const values = new Map<string, Pos>();
  const keys = new Map<string, Pos>();
  let nodes = 0;
  let aliases = 0;

  const walk = (node: unknown, path: FieldPath, depth: number): unknown => {
    if (++nodes > MANIFEST_LIMITS.maxNodes) {
      throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected at most ${MANIFEST_LIMITS.maxNodes} YAML nodes, found more`, { file, path: formatPath(path) || '(top level)', expected: `<= ${MANIFEST_LIMITS.maxNodes} nodes`, actual: `> ${MANIFEST_LIMITS.maxNodes}` });
    }
    if (depth > MANIFEST_LIMITS.maxDepth) {
      throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected YAML nested at most ${MANIFEST_LIMITS.maxDepth} levels deep, found deeper`, { file, path: formatPath(path.slice(0, 3)) + '…', expected: `<= ${MANIFEST_LIMITS.maxDepth} levels`, actual: depth });
    }
    if (node === null || node === undefined) return null;
    const n = node as Node;
    const p = pos(n.range?.[0]);
    if (p) values.set(formatPath(path), p);
    if (isAlias(n)) {
      if (++aliases > MANIFEST_LIMITS.maxAliases) throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected at most ${MANIFEST_LIMITS.maxAliases} YAML aliases (*name), found more: alias expansion is capped against "billion laughs" documents`, { file, path: formatPath(path), ...p, expected: `<= ${MANIFEST_LIMITS.maxAliases} aliases`, actual: `> ${MANIFEST_LIMITS.maxAliases}` });
      return walk(n.resolve(doc), path, depth + 1);
    }
    if (isScalar(n)) return n.value;
    if (isSeq(n)) return n.items.map((item, i) => walk(item, [...path, i], depth + 1));
    if (isMap(n)) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      const seen = new Map<string, Pos | undefined>();
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const kp = pos(keyNode?.range?.[0]);
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof key !== 'string') {
          const found = isScalar(keyNode) ? `${describeData(key)} (quote it: "${String(key)}")` : isSeq(keyNode) ? 'a list' : isMap(keyNode) ? 'a mapping' : isAlias(keyNode) ? 'an alias' : 'an empty key';
          throw new ManifestError('ERR_MANIFEST_INVALID', `expected keys that are strings, found ${found}`, { file, path: formatPath(path) || '(top level)', ...kp, expected: 'string key', actual: isScalar(keyNode) ? key : found });
        }
        const childPath = [...path, key];
        if (seen.has(key)) {
          const first = seen.get(key);
          throw new ManifestError('ERR_MANIFEST_DUPLICATE_KEY', `expected each key once, found ${describeData(key)} again${first ? ` (first at line ${first.line})` : ''}; a later entry must not silently replace an earlier one`, { file, path: formatPath(childPath), ...kp, actual: key });
        }
        seen.set(key, kp);
        if (kp) keys.set(formatPath(childPath), kp);
        out[key] = walk(pair.value, childPath, depth + 1);
      }
      return out;
    }
    throw new ManifestError('ERR_MANIFEST_INVALID', 'expected a scalar, list or mapping, found an unsupported YAML node', { file, path: formatPath(path), ...p });
  };

  const value = walk(doc.contents, [], 0);
  return { value, at: (path) => values.get(formatPath(path)), keyAt: (path) => keys.get(formatPath(path)) };
}
