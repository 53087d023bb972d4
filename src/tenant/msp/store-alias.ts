import type { Transport } from '../http/transport.js';
import type { StoreAliasInput } from '../types.js';

/** `POST /core/StoreAlias {"alias", "domain", "cdsAlias", "oldName"}`: add or rename a login suffix (msp-create-customer, "Add Suffix"). A write. */
export async function storeAlias(t: Transport, input: StoreAliasInput): Promise<void> {
  if (typeof input?.alias !== 'string' || input.alias === '' || typeof input.domain !== 'string' || input.domain === '') throw new TypeError('storeAlias: alias and domain must be non-empty strings');
  // The page sends cdsAlias as the string "true".
  await t.call({ endpoint: '/core/StoreAlias', kind: 'write', json: { alias: input.alias, domain: input.domain, cdsAlias: String(input.cdsAlias ?? true), oldName: input.oldName ?? '' } });
}
