import type { Ctx } from '../http/context.js';
import { fail, type Reply } from '../http/reply.js';
import type { Federation } from '../state/model.js';

/** Home-realm discovery (issue 12): placeholder until the SP side lands. */
export function homeRealmRedirect(_ctx: Ctx, federation: Federation, _user: string): Reply {
  return fail(`User belongs to federation '${federation.name}'; federated login is not available yet.`);
}
