/**
 * The entityIDs of a streamed aggregate's entities with their positions, in document order (the
 * lint result's `entityIds`, and what the document rule entity-id-duplicate reads), kept in
 * columns: one string and two numbers per entity, ~70 bytes with the entityID at the bench's
 * 25-character URLs, instead of an object per entity held until the end of the stream
 * (src/metadata/stream/collect.ts).
 */
import type { EntityPosition } from '../lint/rule.js';

export class EntityPositions implements Iterable<EntityPosition> {
  /** Every entityID read (including empty ones), in document order. */
  readonly ids: string[] = [];
  /** Line and column of `ids[i]` at 2i and 2i + 1; NaN when the entity had none. */
  private places = new Float64Array(2048);

  add(entityId: string, line: number | undefined, column: number | undefined): void {
    const i = 2 * this.ids.length;
    if (i + 2 > this.places.length) {
      const grown = new Float64Array(2 * this.places.length);
      grown.set(this.places);
      this.places = grown;
    }
    this.places[i] = line ?? Number.NaN;
    this.places[i + 1] = column ?? Number.NaN;
    this.ids.push(entityId);
  }

  /** Each entity with an entityID as a fresh object (only the one being read is alive). */
  *[Symbol.iterator](): Generator<EntityPosition> {
    const { ids, places } = this;
    for (let i = 0; i < ids.length; i++) {
      const line = places[2 * i]!;
      const column = places[2 * i + 1]!;
      const out: { entityId: string; line?: number; column?: number } = { entityId: ids[i]! };
      if (!Number.isNaN(line)) out.line = line;
      if (!Number.isNaN(column)) out.column = column;
      yield out;
    }
  }
}
