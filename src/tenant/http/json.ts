import { jsonTextDepth } from '../read/envelope.js';
import { TenantError } from '../errors.js';

/** Nesting limit of tenant JSON (the tenant's deepest documented body is ~6 levels). */
export const MAX_JSON_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Parse a tenant JSON body: nesting checked by a linear pre-scan before `JSON.parse`
 * (`ERR_TENANT_RESPONSE_TOO_LARGE`), then every object key checked: a `__proto__` key is refused
 * (`ERR_TENANT_RESPONSE_INVALID`) so no later spread or merge can be steered by it.
 */
export function parseTenantJson(text: string, endpoint: string, httpStatus: number): unknown {
  const depth = jsonTextDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new TenantError('ERR_TENANT_RESPONSE_TOO_LARGE', `${endpoint}: expected JSON nested at most ${MAX_JSON_DEPTH} levels deep, found ${depth}`, { kind: 'response', endpoint, httpStatus, expected: `<= ${MAX_JSON_DEPTH} levels`, actual: depth });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `${endpoint}: expected a JSON body, found text that is not JSON (${text.length} characters)`, { kind: 'response', endpoint, httpStatus, expected: 'JSON', cause: e });
  }
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    for (const [k, child] of Object.entries(v)) {
      if (FORBIDDEN_KEYS.has(k)) throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `${endpoint}: expected plain data, found a "${k}" key`, { kind: 'response', endpoint, httpStatus, expected: 'no __proto__ keys', actual: k });
      stack.push(child);
    }
  }
  return data;
}
