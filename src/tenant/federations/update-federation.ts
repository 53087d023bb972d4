import type { FederationForm } from '../client-types.js';
import type { Transport } from '../http/transport.js';
import type { Federation } from '../types.js';
import { federationUuidOf, sendFederationForm } from './create-federation.js';

/**
 * Update a federation: the CreateFederation form with a non-empty `FederationUuid` part
 * (tenant-api.md §3.6, §10.1: our choice [I]; build it with `buildCreateFederationPayload(...,
 * {federationUuid})`). The form's reviewable `fields` must be present to check that.
 */
export async function updateFederation(t: Transport, form: FederationForm): Promise<Federation> {
  if (typeof form !== 'object' || form === null || !form.fields) throw new TypeError('updateFederation: expected the payload of buildCreateFederationPayload with its fields');
  if (!federationUuidOf(form)) throw new TypeError('updateFederation: the form has an empty FederationUuid (that would create a federation); build it with {federationUuid}');
  return sendFederationForm(t, form);
}
