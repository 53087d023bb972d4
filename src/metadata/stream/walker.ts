/**
 * The structure of a streamed md:EntitiesDescriptor aggregate (saml-metadata-2.0-os §2.3.1), read
 * from the event stream (src/xml/stream/reader.ts): the root and nested EntitiesDescriptors (kept
 * as group models), the root ds:Signature (built, for the signature check), the root's exclusive
 * c14n streamed into its digest (root-digest.ts), and each md:EntityDescriptor subtree, handed to
 * an {@link EntityChannel}: linted on the spot (lint-stream.ts) or sent to the lint worker
 * (lint-parallel.ts). Everything else is skipped.
 */
import { NS } from '../../xml/namespaces.js';
import { SubtreeBuilder } from '../../xml/stream/build.js';
import type { StreamElement } from '../../xml/stream/events.js';
import { NotStreamable, type XmlStreamHandler } from '../../xml/stream/reader.js';
import type { Element } from '../../xml/tree.js';
import { groupModel, type MutableGroup } from './kept.js';
import { RootDigest } from './root-digest.js';

/** Where the events of EntityDescriptor subtrees go, in document order. */
export interface EntityChannel {
  /** A nested EntitiesDescriptor starts (`depth` > 1), or the root (`depth` 1): their start tags scope the entities' namespaces. */
  containerStart(el: StreamElement, depth: number): void;
  /** A nested EntitiesDescriptor ends (not called for the root). */
  containerEnd(): void;
  /** An EntityDescriptor starts. */
  entityStart(el: StreamElement): void;
  /** An element inside the current EntityDescriptor starts. */
  start(el: StreamElement): void;
  /** An element inside the current EntityDescriptor (not the entity itself) ends. */
  end(): void;
  text(data: string, cdata: boolean): void;
  /** The current EntityDescriptor ends; its stub belongs in `group`, the innermost EntitiesDescriptor. */
  entityEnd(group: MutableGroup): void;
}

/** Role of an open element. */
type Role = 'container' | 'entity' | 'build' | 'root-signature' | 'skip';
interface Frame {
  readonly role: Role;
  readonly dom: Element | undefined;
  readonly group: MutableGroup | undefined;
}

const isMd = (el: StreamElement, local: string): boolean => el.uri === NS.MD && el.local === local;
const isDs = (el: StreamElement, local: string): boolean => el.uri === NS.DS && el.local === local;

/** The handler of the stream reader for an aggregate. Throws {@link NotStreamable} for what the tree path must read. */
export class AggregateWalker implements XmlStreamHandler {
  /** Builds the root, nested EntitiesDescriptors (start tags only) and the root Signature. */
  readonly builder = new SubtreeBuilder();
  readonly digest = new RootDigest();
  root: Element | undefined;
  rootModel: MutableGroup | undefined;
  private rootClosed = false;
  private rootSignatures = 0;
  /** Depth of the root Signature being read (excluded from the digest), 0 outside it. */
  private excluded = 0;
  private readonly stack: Frame[] = [];

  constructor(private readonly channel: EntityChannel) {}

  startElement(el: StreamElement, depth: number): void {
    const stack = this.stack;
    if (depth === 1) {
      if (!isMd(el, 'EntitiesDescriptor')) throw new NotStreamable();
      const root = this.builder.start(el);
      this.root = root;
      this.rootModel = groupModel(root);
      stack.push({ role: 'container', dom: root, group: this.rootModel });
      this.channel.containerStart(el, depth);
      this.digest.open(el);
      return;
    }
    const parent = stack[stack.length - 1]!;
    let frame: Frame;
    if (parent.role === 'container') {
      const atRoot = depth === 2;
      // saml-metadata-2.0-os §2.3.1: the root Signature comes first. Any other child of the root
      // before it means no Signature is read first: nothing is held back for one (a Signature
      // after it is not streamed), or an unsigned aggregate of nested groups would hold every event.
      if (atRoot && !isDs(el, 'Signature')) this.digest.noSignatureYet();
      if (isDs(el, 'Signature')) {
        parent.group!.signed = true;
        if (atRoot) {
          if (this.digest.state === 'no-signature') throw new NotStreamable();
          this.rootSignatures++;
          frame = { role: 'root-signature', dom: this.builder.start(el), group: undefined };
          if (this.rootSignatures === 1) this.excluded = depth;
        } else {
          frame = SKIP;
        }
      } else if (isMd(el, 'EntityDescriptor')) {
        this.channel.entityStart(el);
        frame = ENTITY;
      } else if (isMd(el, 'EntitiesDescriptor')) {
        const dom = this.builder.start(el);
        const group = groupModel(dom);
        parent.group!.children.push(group);
        this.channel.containerStart(el, depth);
        frame = { role: 'container', dom, group };
      } else {
        frame = SKIP;
      }
    } else if (parent.role === 'skip') {
      frame = parent;
    } else if (parent.role === 'root-signature' || parent.dom !== undefined) {
      frame = { role: 'build', dom: this.builder.start(el), group: undefined };
    } else {
      this.channel.start(el);
      frame = BUILD_ELSEWHERE;
    }
    stack.push(frame);
    if (this.excluded === 0) this.digest.open(el);
  }

  endElement(el: StreamElement, depth: number): void {
    const frame = this.stack.pop()!;
    if (frame.dom !== undefined) this.builder.end();
    if (this.excluded === depth) {
      this.excluded = 0;
      this.digest.start(frame.dom!);
    } else if (this.excluded === 0) {
      this.digest.close(el);
    }
    if (depth === 1) {
      this.rootClosed = true;
      return;
    }
    if (frame === ENTITY) {
      this.channel.entityEnd(this.stack[this.stack.length - 1]!.group!);
    } else if (frame === BUILD_ELSEWHERE) {
      this.channel.end();
    } else if (frame.role === 'container') {
      this.builder.detach(frame.dom!);
      this.channel.containerEnd();
    }
  }

  text(data: string, depth: number, cdata: boolean, plain: boolean): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame !== undefined) {
      if (frame === ENTITY || frame === BUILD_ELSEWHERE) this.channel.text(data, cdata);
      else if (frame.dom !== undefined && frame.role !== 'container') {
        if (cdata) this.builder.cdata(data);
        else this.builder.text(data);
      }
    }
    if (this.excluded === 0 && depth >= 1) this.digest.chars(data, plain);
  }

  pi(target: string, data: string, depth: number): void {
    if (depth > 0) {
      this.refuseInsideSignature();
      if (this.excluded === 0) this.digest.instruction(target, data);
      return;
    }
    if (target.toLowerCase() === 'xml') return;
    const text = '<?' + target + (data ? ' ' + data : '') + '?>';
    if (this.rootClosed) this.digest.trailingPI(text);
    else this.digest.prologPIs.push(text);
  }

  comment(depth: number): void {
    if (depth > 0) this.refuseInsideSignature();
  }

  /**
   * The root Signature is built without comments and PIs (SubtreeBuilder), but the tree parser
   * keeps them, and SignedInfo's canonical form holds its PIs (C14N 1.0 §2.3) and, canonicalized
   * #WithComments, its comments: the signature would be checked over other bytes than on the tree
   * path (a PI slipped into a signed SignedInfo verified). The tree path reads such a Signature.
   */
  private refuseInsideSignature(): void {
    if (this.excluded !== 0) throw new NotStreamable('a comment or processing instruction inside the root Signature');
  }
}

/** The frames of an EntityDescriptor and of the elements inside it: the channel builds them. */
const ENTITY: Frame = Object.freeze({ role: 'entity', dom: undefined, group: undefined });
const BUILD_ELSEWHERE: Frame = Object.freeze({ role: 'build', dom: undefined, group: undefined });
const SKIP: Frame = Object.freeze({ role: 'skip', dom: undefined, group: undefined });
