/**
 * Where each entity sent to the lint worker and not yet back belongs (lint-parallel.ts), in
 * document order: its group and its place in the group's `children`, or no place when it carries
 * no validUntil. A ring of two columns reused for the whole stream: no array per entity, none
 * rebuilt as the queue moves (50k entities: what the former growing list allocated was the
 * parsing thread's largest source of garbage in the old generation).
 */
import type { MutableGroup } from './kept.js';

export class PendingPlaces {
  private groups: (MutableGroup | undefined)[] = new Array<MutableGroup | undefined>(1024).fill(undefined);
  private slots = new Int32Array(1024);
  private head = 0;
  private size = 0;

  /** The next entity in document order: `slot` in `group.children`, or NO_PLACE (collect.ts) when none was reserved. */
  push(group: MutableGroup, slot: number): void {
    if (this.size === this.slots.length) this.grow();
    const i = (this.head + this.size) & (this.slots.length - 1);
    this.groups[i] = group;
    this.slots[i] = slot;
    this.size++;
  }

  /** The oldest entity's place, removed from the queue. @throws Error when none is pending. */
  shift(): { group: MutableGroup; slot: number } {
    if (this.size === 0) throw new Error('PendingPlaces: an outcome came back for no entity sent');
    const i = this.head;
    const group = this.groups[i]!;
    const slot = this.slots[i]!;
    this.groups[i] = undefined;
    this.head = (i + 1) & (this.slots.length - 1);
    this.size--;
    return { group, slot };
  }

  private grow(): void {
    const n = this.slots.length;
    const groups = new Array<MutableGroup | undefined>(2 * n).fill(undefined);
    const slots = new Int32Array(2 * n);
    for (let k = 0; k < n; k++) {
      const i = (this.head + k) & (n - 1);
      groups[k] = this.groups[i];
      slots[k] = this.slots[i]!;
    }
    this.groups = groups;
    this.slots = slots;
    this.head = 0;
  }
}
