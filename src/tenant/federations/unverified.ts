/**
 * UNVERIFIED endpoints (tenant-api.md §3.6 [I]): the current Federation API documents "Retrieve a
 * federation by UUID" and "Delete a federation by UUID", but their paths and bodies could not be
 * read. These guesses (`Federation/GetFederation`, `Federation/DeleteFederation` with
 * `{"FederationUuid"}`) are isolated here; onboarding does not depend on them.
 */
import type { Transport } from '../http/transport.js';
import { readFederation } from '../read/federation.js';
import type { Federation } from '../types.js';

const GET = '/Federation/GetFederation';
const DELETE = '/Federation/DeleteFederation';

function checkUuid(uuid: string, what: string): void {
  if (typeof uuid !== 'string' || !/^[0-9A-Za-z_-]{1,100}$/.test(uuid)) throw new TypeError(`${what}: federationUuid must be letters, digits, "-" or "_"`);
}

/** UNVERIFIED: `POST /Federation/GetFederation {"FederationUuid"}`. */
export async function getFederationUnverified(t: Transport, federationUuid: string): Promise<Federation> {
  checkUuid(federationUuid, 'getFederationUnverified');
  const env = await t.call({ endpoint: GET, kind: 'read', json: { FederationUuid: federationUuid } });
  return readFederation(env.Result, GET);
}

/** UNVERIFIED: `POST /Federation/DeleteFederation {"FederationUuid"}`. A write. */
export async function deleteFederationUnverified(t: Transport, federationUuid: string): Promise<void> {
  checkUuid(federationUuid, 'deleteFederationUnverified');
  await t.call({ endpoint: DELETE, kind: 'write', json: { FederationUuid: federationUuid } });
}
