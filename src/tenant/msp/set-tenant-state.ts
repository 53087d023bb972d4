import type { Transport } from '../http/transport.js';

/** `POST /msp/SetTenantState {"tenantId", "state": "Enabled"|"Disabled"}` (msp-create-customer). A write. */
export async function setTenantState(t: Transport, tenantId: string, state: 'Enabled' | 'Disabled'): Promise<void> {
  if (typeof tenantId !== 'string' || tenantId === '') throw new TypeError('setTenantState: tenantId must be a non-empty string');
  if (state !== 'Enabled' && state !== 'Disabled') throw new TypeError('setTenantState: state must be "Enabled" or "Disabled"');
  await t.call({ endpoint: '/msp/SetTenantState', kind: 'write', json: { tenantId, state } });
}
