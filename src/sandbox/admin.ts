import { createRequire } from 'node:module';
import { isSamlfedError } from '../errors.js';
import { SandboxError } from './errors.js';
import { parseFaults } from './faults.js';
import { BODY_LIMITS, readBody } from './http/body.js';
import { jsonTextDepth } from '../tenant/read/envelope.js';
import type { Ctx } from './http/context.js';
import { json, type Reply } from './http/reply.js';
import { reseed } from './reseed.js';
import { validateState } from './state/validate.js';

/** Largest body of an admin PUT (a state import). */
const ADMIN_BODY_BYTES = 32 * 1024 * 1024;

const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

async function readJson(ctx: Ctx, invalid: 'ERR_SANDBOX_STATE_INVALID' | 'ERR_SANDBOX_FAULTS_INVALID'): Promise<unknown> {
  const raw = await readBody(ctx.req, ADMIN_BODY_BYTES);
  const text = raw.toString('utf8');
  if (jsonTextDepth(text) > BODY_LIMITS.jsonDepth) throw new SandboxError(invalid, `JSON nested deeper than ${BODY_LIMITS.jsonDepth}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SandboxError(invalid, `body is not JSON: ${(e as Error).message}`);
  }
}

/**
 * The reserved admin prefix `/_sandbox/*` (tenant-api.md §9.1): health, reset, state export and
 * import, faults, the request log, issued codes, MFA switch. No auth (loopback only), no faults,
 * not logged; plain JSON, errors as `{error: <code>, message}` with HTTP 400.
 */
export async function handleAdmin(ctx: Ctx): Promise<Reply> {
  const { rt, method } = ctx;
  const what = ctx.key.slice('/_sandbox/'.length);
  try {
    switch (`${method} ${what}`) {
      case 'GET health':
        return json(200, { status: 'ok', emulator: 'samlfed sandbox (built from public documentation; not the vendor product)', version, tenantId: rt.state.tenant.id, url: rt.url, stateFile: rt.stateFile, loose: rt.options.loose, seed: rt.state.seed });
      case 'POST reset': {
        reseed(rt, ctx.query.get('keys') === 'true');
        return json(200, { status: 'reset', tenantId: rt.state.tenant.id });
      }
      case 'GET state':
        return json(200, rt.state);
      case 'PUT state': {
        const value = await readJson(ctx, 'ERR_SANDBOX_STATE_INVALID');
        const state = validateState(value, 'ERR_SANDBOX_STATE_INVALID');
        rt.replace(state);
        return json(200, { status: 'imported', federations: state.federations.length });
      }
      case 'GET faults':
        return json(200, { faults: rt.faults.list() });
      case 'PUT faults':
      case 'POST faults': {
        const rules = parseFaults(await readJson(ctx, 'ERR_SANDBOX_FAULTS_INVALID'));
        rt.faults.set(rules);
        return json(200, { faults: rt.faults.list() });
      }
      case 'DELETE faults':
        rt.faults.set([]);
        return json(200, { faults: [] });
      case 'GET requests':
        return json(200, { requests: rt.requests.list() });
      case 'DELETE requests':
        rt.requests.clear();
        return json(200, { requests: [] });
      case 'GET codes': {
        const user = ctx.query.get('user')?.toLowerCase();
        return json(200, { codes: rt.codes.filter((c) => user === undefined || c.user.toLowerCase() === user) });
      }
      case 'PUT mfa': {
        const body = (await readJson(ctx, 'ERR_SANDBOX_STATE_INVALID')) as { user?: unknown; mechanism?: unknown } | null;
        const mech = body?.mechanism ?? null;
        if (mech !== null && mech !== 'EMAIL' && mech !== 'OATH') throw new SandboxError('ERR_SANDBOX_STATE_INVALID', 'mechanism must be "EMAIL", "OATH" or null');
        const name = typeof body?.user === 'string' ? body.user.toLowerCase() : rt.adminUser().name.toLowerCase();
        const user = rt.state.users.find((u) => u.name.toLowerCase() === name);
        if (!user) throw new SandboxError('ERR_SANDBOX_STATE_INVALID', `no user ${JSON.stringify(name)}`);
        user.mfa = mech;
        rt.commit();
        return json(200, { user: user.name, mechanism: mech });
      }
      default:
        return json(404, { error: 'not_found', message: `no admin endpoint ${method} /_sandbox/${what}` });
    }
  } catch (e) {
    if (isSamlfedError(e)) return json(e.code === 'ERR_SANDBOX_BODY_TOO_LARGE' ? 413 : 400, { error: e.code, message: e.message });
    throw e;
  }
}
