/**
 * The project's saxes setup, shared by `parseXml` (src/xml/parse.ts) and the streaming reader
 * (src/xml/stream/reader.ts): the options and a parser class whose attribute processing does
 * the same checks as saxes 6.0.0's own, with fewer allocations.
 */
import { XmlError } from './errors.js';
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { installScanners } from './sax-scan.js';
import { installTagScanner } from './sax-tag.js';
import { StringIds } from './string-ids.js';

/** Options: XML 1.0 whatever the declaration says (§2.11 line ends, §2.2 Char), namespaces on. */
export const SAXES_OPTIONS = { xmlns: true, position: true, defaultXMLVersion: '1.0', forceXMLVersion: true } as const;

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** A prefix as a key of the scope maps: itself, or an id when it is long ({@link key}). */
type Key = string | number;
/**
 * The scope maps' key for `prefix`. V8 hashes a string longer than 16383 code units by its length
 * alone, so long prefixes of one length would share a Map bucket and be compared end to end on
 * every declaration and lookup (test/xml/attack.long-prefixes.test.ts): a long prefix is keyed by
 * its id by content (src/xml/string-ids.ts), found in time linear in its length.
 */
function key(self: { prefixIds: StringIds }, prefix: string): Key {
  return prefix.length > 256 ? self.prefixIds.id(prefix) : prefix;
}

/** saxes internals this class reads (saxes is pinned to 6.0.0 in package.json for that reason). */
interface SaxesInternals {
  attributeList: SaxesAttributeNS[];
  attribList: SaxesAttributeNS[];
  tag: SaxesTagNS;
  tags: SaxesTagNS[];
  scope: Map<Key, string>;
  undo: Array<Key | undefined>;
  tagLine: number;
  tagColumn: number;
  prefixIds: StringIds;
  marks: number[];
  nsIds: Map<Key, number>;
  undoIds: number[];
  uriIds: StringIds;
  xmlId: number | undefined;
  xmlnsId: number | undefined;
  attrNs: number[];
  fail(message: string): void;
}

/**
 * saxes with `processAttribsNS` replaced by an equivalent that does not fill the tag's
 * `attributes` dictionary (an object keyed by qualified names, which V8 keeps in slow dictionary
 * mode; `parseXml` reads the attributes in document order from the `attribute` events instead)
 * and that detects duplicates (Namespaces in XML 1.0 §6.3: no two attributes with the same
 * expanded name) by comparing the attributes seen so far up to 16 attributes, beyond that with a
 * Set, without building a `{uri}local` string per attribute: namespace names are compared by
 * ids given once per declaration (src/xml/string-ids.ts; saxes' Set of `{uri}local` strings is
 * quadratic when the namespace name is long, test/xml/attack.long-namespace-duplicates.test.ts). The checks, their
 * order and their messages are saxes' own (element prefix `xmlns`, unbound prefixes of the
 * element and of each attribute in document order, duplicate attributes).
 *
 * Subclasses put their event handlers on the prototype (see src/xml/parse.ts): `on()` adds own
 * properties and turns the parser into a slow dictionary-mode object.
 */
export class ListAttributesParser extends SaxesParser<typeof SAXES_OPTIONS> {
  /**
   * The attributes of the start tag being reported, in document order, with their namespace
   * names: valid in the `opentag` handler (no `attribute` handler is needed to collect them).
   */
  attributeList: SaxesAttributeNS[] = [];
  /**
   * In-scope namespace bindings, prefix ('' = default) to the namespace name as written (saxes
   * keeps them trimmed, per element, and resolves a prefix by walking the open elements; a
   * libxml2-based signer uses the names verbatim). Changes are undone through `undo` (prefix,
   * previous value) back to the element's entry in `marks` (depth, `undo` length; only elements
   * that declare a namespace have one) when it ends. Keys are prefixes, or ids for long ones ({@link key}).
   */
  readonly scope = new Map<Key, string>();
  readonly undo: Array<Key | undefined> = [];
  readonly prefixIds = new StringIds();
  readonly marks: number[] = [];
  /** Ids (src/xml/string-ids.ts) of the trimmed namespace names in `scope`, by prefix (-1: not made yet); `undoIds` holds the previous ones alongside `undo`. */
  readonly nsIds = new Map<Key, number>();
  readonly undoIds: number[] = [];
  readonly uriIds = new StringIds();
  /** Ids of the namespace names the built-in `xml` and `xmlns` prefixes are bound to, made at first use. */
  xmlId: number | undefined = undefined;
  xmlnsId: number | undefined = undefined;
  /** The namespace id of each attribute of the start tag being checked (-1: no namespace). */
  readonly attrNs: number[] = [];
  /** Line and column (1-based, UTF-16 code units) of the `<` of the start tag being read (src/xml/sax-tag.ts). */
  tagLine = 0;
  tagColumn = 0;
  /** The next LF in the chunk being read, and that chunk's position (src/xml/sax-scan.ts nextLf). */
  lfAt = -1;
  lfChunk = -1;
  nameAstral = false;
  textPlain = false;
}

// saxes declares these methods private; they are replaced on the subclass' prototype (saxes'
// constructor picks `this.processAttribsNS` when namespaces are on).
const base = SaxesParser.prototype as unknown as Record<string, (this: SaxesInternals) => void>;
const baseCloseTag = base.closeTag!;
const baseOpenSelfClosingTag = base.openSelfClosingTag!;
const baseInit = base._init!;
for (const [name, value] of [
  ['_init', init],
  ['processAttribsNS', processAttribsNS],
  ['closeTag', closeTag],
  ['openSelfClosingTag', openSelfClosingTag],
] as const) {
  Object.defineProperty(ListAttributesParser.prototype, name, { value, writable: true, configurable: true });
}
// Bulk scanning of character data, names, attribute values and start tags (src/xml/sax-scan.ts, src/xml/sax-tag.ts).
installScanners(ListAttributesParser.prototype);
installTagScanner(ListAttributesParser.prototype);

/**
 * Longest element or attribute name (prefix included) accepted. XML sets no limit; libxml2 refuses
 * names over 50,000 characters (XML_MAX_NAME_LENGTH). samlfed stays under V8's 16,384: a longer
 * string is hashed by its length alone, so maps keyed by prefixes or names (namespace scopes,
 * c14n's rendered namespaces) would compare long keys end to end, quadratic for hostile XML
 * (test/xml/attack.long-names.test.ts).
 */
export const MAX_NAME_LENGTH = 10_000;

function nameTooLong(self: SaxesInternals, name: string): XmlError {
  return new XmlError('ERR_XML_TOO_LARGE', `Expected element and attribute names of at most ${MAX_NAME_LENGTH} characters, found one of ${name.length} at line ${self.tagLine}, column ${self.tagColumn}`, {
    expected: MAX_NAME_LENGTH,
    actual: name.length,
    line: self.tagLine,
    column: self.tagColumn,
  });
}

/**
 * Replaces saxes' `_init`, which resets the parser in its constructor and when a document ends
 * (`close()`; saxes then reads the next document written): the fields of the scanners are reset
 * too. The LF cache is keyed by the chunk's position, 0 again in the next document: left as it
 * was, it gave that document the previous one's LFs (test/xml/attack.parser-reuse.test.ts).
 */
function init(this: SaxesInternals): void {
  baseInit.call(this);
  const self = this as unknown as ListAttributesParser;
  self.lfAt = -1;
  self.lfChunk = -1;
  self.nameAstral = false;
  self.textPlain = false;
}

/** Replaces saxes' method of the same name (called once per start tag, `this` the parser). */
function processAttribsNS(this: SaxesInternals): void {
  const self = this;
  const attribList = self.attribList;
  const tag = self.tag;
  // Namespaces in XML 1.0 §6.1: the element's own declarations are in scope on it.
  const scope = self.scope;
  const undo = self.undo;
  let marked = false;
  if (tag.name.length > MAX_NAME_LENGTH) throw nameTooLong(self, tag.name);
  for (let i = 0; i < attribList.length; i++) {
    const a = attribList[i]!;
    if (a.name.length > MAX_NAME_LENGTH) throw nameTooLong(self, a.name); // in the pass that reads the declarations
    const prefix = a.prefix === 'xmlns' ? a.local : a.name === 'xmlns' ? '' : undefined;
    if (prefix === undefined) continue;
    if (!marked) {
      // The element's depth (its index among the open elements) and where its changes start.
      self.marks.push(self.tags.length, undo.length);
      marked = true;
    }
    const k = key(self, prefix);
    undo.push(k, scope.get(k));
    self.undoIds.push(self.nsIds.get(k) ?? -1);
    scope.set(k, a.value);
    self.nsIds.set(k, -1); // its id is made when an attribute needs it
  }
  // saxes' `qname` without its `{ prefix, local }` object (Namespaces in XML 1.0 §3 [7]).
  const tagName = tag.name;
  const colon = tagName.indexOf(':');
  let tagPrefix = '';
  let tagLocal = tagName;
  if (colon !== -1) {
    tagPrefix = tagName.slice(0, colon);
    tagLocal = tagName.slice(colon + 1);
    if (tagPrefix === '' || tagLocal === '' || tagLocal.includes(':')) self.fail(`malformed name: ${tagName}.`);
  }
  tag.prefix = tagPrefix;
  tag.local = tagLocal;
  const tagUri = (tag.uri = resolve(scope, tagPrefix, key(self, tagPrefix)) ?? '');
  if (tagPrefix !== '') {
    if (tagPrefix === 'xmlns') self.fail('tags may not have "xmlns" as prefix.');
    if (tagUri === '') {
      self.fail(`unbound namespace prefix: ${JSON.stringify(tagPrefix)}.`);
      tag.uri = tagPrefix;
    }
  }
  self.attributeList = attribList;
  const n = attribList.length;
  if (n === 0) return;
  // Note: the default namespace does not apply to attributes (Namespaces in XML 1.0 §6.2).
  // Expanded names: an unprefixed attribute's is its name; a prefixed one's its namespace name
  // (saxes compares them trimmed, and so do the ids; the scope keeps them as written) and local name.
  const locals = n > 16 ? new StringIds() : undefined;
  const seen = locals !== undefined ? new Set<number>() : undefined;
  const attrNs = self.attrNs;
  for (let i = 0; i < n; i++) {
    const attr = attribList[i]!;
    const { name, prefix, local } = attr;
    let uri: string | undefined;
    let ns = -1;
    if (prefix === '') {
      uri = name === 'xmlns' ? XMLNS_NS : '';
    } else {
      const k = key(self, prefix);
      uri = resolve(scope, prefix, k);
      if (uri === undefined) {
        self.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
        uri = prefix;
        ns = self.uriIds.id(prefix);
      } else {
        ns = self.nsIds.get(k) ?? -1;
        if (ns === -1) {
          if (!self.nsIds.has(k)) {
            // The built-in `xml` and `xmlns` prefixes (not declared: resolve() bound them).
            ns = prefix === 'xml' ? (self.xmlId ??= self.uriIds.id(XML_NS)) : (self.xmlnsId ??= self.uriIds.id(XMLNS_NS));
          } else {
            // Once per declaration.
            ns = self.uriIds.id(uri.trim());
            self.nsIds.set(k, ns);
          }
        }
      }
    }
    if (seen !== undefined) {
      // At most 2^26 attributes fit in the size cap, and fewer namespaces: the key is exact.
      const key = (ns + 1) * 0x4000000 + locals!.id(prefix === '' ? name : local);
      if (seen.has(key)) self.fail(`duplicate attribute: ${prefix === '' ? name : `{${uri.trim()}}${local}`}.`);
      seen.add(key);
    } else {
      for (let j = 0; j < i; j++) {
        const b = attribList[j]!;
        if (prefix === '' ? b.prefix === '' && b.name === name : b.prefix !== '' && attrNs[j] === ns && b.local === local) {
          self.fail(`duplicate attribute: ${prefix === '' ? name : `{${uri.trim()}}${local}`}.`);
          break;
        }
      }
    }
    attrNs[i] = ns;
    attr.uri = uri;
  }
  self.attribList = [];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** saxes' `resolve` over {@link ListAttributesParser.scope}: a declared prefix, else `xml` and `xmlns` (bound by definition). */
function resolve(scope: Map<Key, string>, prefix: string, k: Key): string | undefined {
  const uri = scope.get(k);
  if (uri !== undefined) return uri;
  return prefix === 'xml' ? XML_NS : prefix === 'xmlns' ? XMLNS_NS : undefined;
}

/**
 * The declarations of the elements that have ended leave the scope: saxes' tag stack is `depth`
 * deep again, so every element at that depth or deeper has ended (a self-closing one is never on it).
 */
function unwind(self: SaxesInternals): void {
  const { marks, undo, scope, nsIds, undoIds } = self;
  const depth = self.tags.length;
  while (marks.length !== 0 && marks[marks.length - 2]! >= depth) {
    const mark = marks.pop()!;
    marks.pop();
    while (undo.length > mark) {
      const prev = undo.pop() as string | undefined;
      const prefix = undo.pop()!;
      const prevId = undoIds.pop()!;
      if (prev === undefined) {
        scope.delete(prefix);
        nsIds.delete(prefix);
      } else {
        scope.set(prefix, prev);
        nsIds.set(prefix, prevId);
      }
    }
  }
}

function closeTag(this: SaxesInternals): void {
  baseCloseTag.call(this);
  unwind(this);
}

function openSelfClosingTag(this: SaxesInternals): void {
  baseOpenSelfClosingTag.call(this);
  unwind(this);
}
