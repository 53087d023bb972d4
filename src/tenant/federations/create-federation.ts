import type { FederationForm } from '../client-types.js';
import type { Transport } from '../http/transport.js';
import { readFederation } from '../read/federation.js';
import type { Federation } from '../types.js';

const ENDPOINT = '/Federation/CreateFederation';

/** The `FederationUuid` part of a reviewable form view, when the form carries one. */
export function federationUuidOf(form: FederationForm): string | undefined {
  const part = form.fields?.find((f) => f.name === 'FederationUuid');
  return part && 'value' in part ? part.value : undefined;
}

function checkForm(form: FederationForm, what: string): void {
  if (typeof form !== 'object' || form === null || !(form.body instanceof Uint8Array) || typeof form.contentType !== 'string' || !/^multipart\/form-data;\s*boundary=/i.test(form.contentType)) {
    throw new TypeError(`${what}: expected the multipart payload of buildCreateFederationPayload ({body: Buffer, contentType: "multipart/form-data; boundary=..."})`);
  }
}

/** Send a CreateFederation form as is (tenant-api.md §3.4 [D S1]); a write, never repeated. */
export async function sendFederationForm(t: Transport, form: FederationForm): Promise<Federation> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'write', raw: { body: form.body, contentType: form.contentType } });
  return readFederation(env.Result, ENDPOINT);
}

/** `POST /Federation/CreateFederation` (multipart, built by `buildCreateFederationPayload`), for a new federation. */
export async function createFederation(t: Transport, form: FederationForm): Promise<Federation> {
  checkForm(form, 'createFederation');
  const uuid = federationUuidOf(form);
  if (uuid) throw new TypeError('createFederation: the form carries a FederationUuid (an update); use updateFederation');
  return sendFederationForm(t, form);
}
