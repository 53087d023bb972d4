/**
 * Seeded generator of XML documents for the c14n differential against libxml2
 * (scripts/fuzz/c14n-diff.ts, test/xml/c14n.differential.test.ts; issue 7 §5).
 *
 * Every document is well-formed XML 1.0 + Namespaces without a DOCTYPE, and exercises what
 * canonicalization gets wrong: random prefixes bound, re-bound and shadowed, default namespaces
 * declared and undeclared, attributes in several namespaces (sorted by URI then local name, by
 * code point: astral names against U+F900..U+FFFD names), values that need escaping (& < > " '
 * TAB LF CR, as references and literally), comments, processing instructions, CDATA, xml:lang /
 * xml:space / xml:base / xml:id, astral characters, CR LF, and (behind `lineSeparators`, ON by
 * default) the literal characters U+0085, U+2028, U+2029 that XML 1.0 §2.11 does NOT normalise.
 * Elements carrying an `ID` attribute are the candidate apexes of signed subsets.
 */

/** mulberry32: a small, fast, seedable PRNG (same seed, same documents, on every platform). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Literal U+0085 / U+2028 / U+2029 (and CR U+0085) in text, attributes, comments and PIs. Default true. */
  readonly lineSeparators?: boolean;
  /** Maximum element depth (root = 1). Default 5. */
  readonly maxDepth?: number;
}

export interface GeneratedDocument {
  readonly xml: string;
  /** IDs of the elements that carry an `ID` attribute (document order). */
  readonly ids: readonly string[];
  /** The document holds a literal U+0085, U+2028 or U+2029 (issue 7 §2: today's parser turns them into LF). */
  readonly hasLineSeparators: boolean;
  /** The same document with each literal line separator replaced by a space (equal to `xml` when there are none). */
  readonly twin: string;
}

const PREFIXES = ['p', 'q', 'ds', 'saml', 'xs', 'n\u00e9', 'z\u{10400}', 'a\uFB01'];
// ASCII only: libxml2's C14N refuses a namespace name that is not a URI (an IRI is not), as it refuses relative ones.
const URIS = ['urn:a', 'urn:b', 'http://example.com/c', 'urn:oasis:names:tc:SAML:2.0:assertion', 'urn:x:%C3%A9', 'urn:B', 'urn:a:b'];
// Local names whose UTF-16 order differs from their code-point order (issue 7 §3).
// (No U+FFFD: today's parser refuses it as "source encoding issues", although XML 1.0 allows it.)
const LOCALS = ['a', 'b', 'Assertion', 'ID2', 'x\u{10000}', 'x\uFF21', 'x\uF900', 'x\u{2F800}', 'y', 'b\u00e9'];
const PI_TARGETS = ['pi', 'x-y', 't\u00e9', 'p\u{10000}'];
const LINE_SEPARATORS = ['\u0085', '\u2028', '\u2029', '\r\u0085'];
// Private-use markers written in their place, replaced at the end (by the separator, or by a space in the twin).
const MARKERS = ['\uE801', '\uE802', '\uE803', '\uE804'];
const MARKER_RE = /[\uE801-\uE804]/g;

class Gen {
  private readonly ids: string[] = [];
  private nextId = 1;
  lineSeps = false;

  constructor(
    private readonly r: () => number,
    private readonly opts: Required<GenerateOptions>,
  ) {}

  private int(n: number): number {
    return Math.floor(this.r() * n);
  }
  private pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  private chance(p: number): boolean {
    return this.r() < p;
  }

  /** Per document: about one in five holds literal line separators (they are rare in real messages). */
  private useLineSeps = false;

  start(): void {
    this.useLineSeps = this.opts.lineSeparators && this.r() < 0.2;
  }

  private lineSep(): string {
    this.lineSeps = true;
    return this.pick(MARKERS);
  }

  /** Character data pieces shared by text and attribute values. */
  private piece(inAttr: boolean): string {
    switch (this.int(inAttr ? 17 : 16)) {
      case 0: return '&amp;';
      case 1: return '&lt;';
      case 2: return inAttr ? '&gt;' : '>';
      case 3: return '&quot;';
      case 4: return "'";
      case 5: return '&#9;';
      case 6: return '&#10;';
      case 7: return '&#13;';
      case 8: return '\t';
      case 9: return '\r\n';
      case 10: return '\n';
      case 11: return '\u{1F600}';
      case 12: return '\uE000\uFFFC';
      case 13: return this.useLineSeps ? this.lineSep() : ' ';
      case 14: return '&#x2028;&#x85;';
      case 15: return this.pick(['a', 'b c', 'x', '\u00e9', ' ']);
      default: return '"'.replace('"', '&#34;');
    }
  }

  private chars(inAttr: boolean, max: number): string {
    let s = '';
    for (let i = this.int(max + 1); i > 0; i--) s += this.piece(inAttr);
    return s;
  }

  /** Free text for comments and PIs (no '--', no '?>', no trailing '-'). */
  private freeText(): string {
    let s = '';
    for (let i = this.int(5); i > 0; i--) {
      s += this.pick([' a ', '<b>', '&amp;', '\r\n', '\t', '\u{1F600}', '-x', '"\'', this.useLineSeps ? this.lineSep() : ' ']);
    }
    return s;
  }

  element(depth: number, scope: Map<string, string>, defaultNs: string): string {
    const inner = new Map(scope);
    let attrs = '';
    // Namespace declarations: random prefixes (re-)bound, sometimes to the URI they already have.
    for (let i = this.int(this.chance(0.3) ? 4 : 2); i > 0; i--) {
      const p = this.pick(PREFIXES);
      if (attrs.includes(` xmlns:${p}=`)) continue;
      const uri = this.pick(URIS);
      inner.set(p, uri);
      attrs += ` xmlns:${p}="${uri}"`;
    }
    let dflt = defaultNs;
    if (this.chance(0.25)) {
      dflt = this.chance(0.3) ? '' : this.pick(URIS);
      attrs += ` xmlns="${dflt}"`;
    }
    const prefixes = [...inner.keys()];
    const elPrefix = prefixes.length > 0 && this.chance(0.5) ? this.pick(prefixes) : '';
    const name = (elPrefix ? elPrefix + ':' : '') + this.pick(LOCALS);

    // Attributes: unique by qualified name and by expanded name (Namespaces in XML §6.3).
    const qnames = new Set<string>();
    const expanded = new Set<string>();
    const add = (qname: string, uri: string, local: string, value: string): void => {
      const key = uri + ' ' + local;
      if (qnames.has(qname) || expanded.has(key)) return;
      qnames.add(qname);
      expanded.add(key);
      attrs += ` ${qname}=${value.includes('"') ? `'${value}'` : `"${value}"`}`;
    };
    if (this.chance(0.4)) add('ID', '', 'ID', `id${this.nextId++}`);
    for (let i = this.int(this.chance(0.2) ? 8 : 4); i > 0; i--) {
      const local = this.pick(LOCALS);
      if (prefixes.length > 0 && this.chance(0.5)) {
        const p = this.pick(prefixes);
        add(`${p}:${local}`, inner.get(p)!, local, this.chars(true, 4));
      } else {
        add(local, '', local, this.chars(true, 4));
      }
    }
    const XML = 'http://www.w3.org/XML/1998/namespace';
    if (this.chance(0.15)) add('xml:lang', XML, 'lang', this.pick(['en', 'sv', '']));
    if (this.chance(0.1)) add('xml:space', XML, 'space', this.pick(['default', 'preserve']));
    if (this.chance(0.08)) add('xml:base', XML, 'base', this.pick(['http://example.com/a/', 'b/c', '../d']));
    if (this.chance(0.05)) add('xml:id', XML, 'id', `xid${this.nextId++}`);
    const id = /\sID="(id\d+)"/.exec(attrs);
    if (id) this.ids.push(id[1]!);

    let content = '';
    const kids = depth >= this.opts.maxDepth ? this.int(2) : this.int(5);
    for (let i = 0; i < kids; i++) {
      switch (this.int(depth >= this.opts.maxDepth ? 4 : 6)) {
        case 0: content += this.chars(false, 5); break;
        case 1: content += `<!--${this.freeText()}-->`; break;
        case 2: content += `<?${this.pick(PI_TARGETS)}${this.chance(0.7) ? ' ' + this.freeText().trimStart() : ''}?>`; break;
        case 3: content += `<![CDATA[${this.freeText()}]]>`; break;
        default: content += this.element(depth + 1, inner, dflt);
      }
    }
    return content === '' && this.chance(0.5) ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
  }

  document(): GeneratedDocument {
    this.start();
    const marked = this.element(1, new Map(), '');
    const xml = marked.replace(MARKER_RE, (m) => LINE_SEPARATORS[m.charCodeAt(0) - 0xe801]!);
    const twin = marked.replace(MARKER_RE, (m) => (m === '\uE804' ? '\r ' : ' '));
    return { xml, ids: this.ids, hasLineSeparators: this.lineSeps, twin };
  }
}

/** One document from `rand` (advance the same `rand` for the next one). */
export function generateDocument(rand: () => number, opts: GenerateOptions = {}): GeneratedDocument {
  return new Gen(rand, { lineSeparators: opts.lineSeparators ?? true, maxDepth: opts.maxDepth ?? 5 }).document();
}
