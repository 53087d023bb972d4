/**
 * Small readers shared by the metadata model builders: positions, trimmed text,
 * xs:boolean / xs:unsignedShort attributes and endpoints (SAML metadata 2.0 §2.2.2, §2.2.3).
 */
import { CDATA_SECTION_NODE, TEXT_NODE, type CharacterData, type Element } from '../xml/tree.js';
import { attr, positionOfNode, textOf } from '../xml/dom.js';
import type { Endpoint, SourcePosition } from './model.js';

/** `line`/`column` of an element, only the fields that are known. */
export function pos(el: Element): SourcePosition {
  return positionOfNode(el);
}

/**
 * `out` with the position of `el` added last (the same fields, in the same order, as
 * `{ ...fields, ...pos(el) }`, without the object spread, which V8 runs on a slow path when it
 * follows other properties: these readers run for every element of every entity of an aggregate).
 */
export function withPos<T extends object>(out: T, el: Element): T & SourcePosition {
  const n = el as unknown as { lineNumber?: number; columnNumber?: number };
  if (n.lineNumber) {
    const o = out as T & { line?: number; column?: number };
    o.line = n.lineNumber;
    o.column = n.columnNumber ?? 1;
  }
  return out;
}

/** Whole text content, whitespace-trimmed (real metadata wraps values in newlines). */
export function trimmedText(el: Element): string {
  return textOfElement(el).trim();
}

/**
 * `textOf(el)`, with the common case first: an element whose only child is one text or CDATA node
 * (every value of a metadata document, nearly) has that node's data as its text.
 */
export function textOfElement(el: Element): string {
  const only = el.firstChild;
  if (only !== null && only === el.lastChild && (only.nodeType === TEXT_NODE || only.nodeType === CDATA_SECTION_NODE)) return (only as CharacterData).data;
  return textOf(el);
}

/** xs:boolean (XML Schema Part 2 §3.2.2): `true`/`1`, `false`/`0`; anything else is `undefined`. */
export function boolAttr(el: Element, name: string): boolean | undefined {
  const v = attr(el, name)?.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Non-negative integer attribute (`index`), `undefined` when absent or not an integer. */
export function intAttr(el: Element, name: string): number | undefined {
  const v = attr(el, name)?.trim();
  return v !== undefined && isShortDigits(v) ? Number(v) : undefined;
}

/** `/^\d{1,9}$/.test(v)`, without the regular expression. */
function isShortDigits(v: string): boolean {
  if (v.length === 0 || v.length > 9) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * EndpointType / IndexedEndpointType (metadata 2.0 §2.2.2, §2.2.3). Binding and Location are
 * kept as written (unknown bindings included); a missing one is `''` so lint can report it.
 */
export function readEndpoint(el: Element, indexed: boolean): Endpoint {
  const out: { -readonly [K in keyof Endpoint]: Endpoint[K] } = withPos({
    binding: attr(el, 'Binding') ?? '',
    location: attr(el, 'Location') ?? '',
  }, el);
  const rl = attr(el, 'ResponseLocation');
  if (rl !== undefined) out.responseLocation = rl;
  if (indexed) {
    const index = intAttr(el, 'index');
    if (index !== undefined) out.index = index;
    const isDefault = boolAttr(el, 'isDefault');
    if (isDefault !== undefined) out.isDefault = isDefault;
  }
  return out;
}

/** Whitespace-separated URI list (`protocolSupportEnumeration`, metadata 2.0 §2.4.1). */
export function uriList(value: string | undefined): string[] {
  if (value === undefined) return [];
  // One URI without white space (the usual value): what the split and filter below give for it.
  if (!/\s/.test(value)) return value === '' ? [] : [value];
  return value.split(/\s+/).filter((s) => s !== '');
}
