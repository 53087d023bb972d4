import type { Transport } from '../http/transport.js';

/** `POST /Security/Logout` (tenant-api.md §2.5 [D S4]): the token is invalid afterwards. */
export async function logout(t: Transport): Promise<void> {
  await t.call({ endpoint: '/Security/Logout', kind: 'read' }); // repeating a logout is harmless
}
