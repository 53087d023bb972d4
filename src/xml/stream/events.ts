/**
 * The element events of a streamed document (src/xml/stream): what the hardened event parser
 * reports for each start tag, in the shape the streamed canonicalizer and the subtree builder share.
 * Namespaces are resolved (Namespaces in XML 1.0 §6); declarations are kept apart from attributes.
 */
import type { AttributeEvent } from '../tree.js';

/**
 * One attribute that is not a namespace declaration: the parser's own attribute record (no copy is
 * made per event). `uri` is `''` for an unprefixed attribute.
 */
export type StreamAttr = AttributeEvent;

/** One start tag. `uri` is `''` when the element is in no namespace. */
export interface StreamElement {
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  readonly uri: string;
  /** Attributes other than namespace declarations, in document order. */
  readonly attrs: readonly StreamAttr[];
  /** Every attribute as written, declarations included, in document order (the tree builder's input). */
  readonly all: readonly AttributeEvent[];
  /** Namespace declarations on this element, in document order: [prefix ('' = default), uri] pairs. */
  readonly nsDecls: readonly (readonly [string, string])[];
  /** 1-based line and column of the `<` that starts the tag (the tree parser's convention). */
  readonly line: number;
  readonly column: number;
}
