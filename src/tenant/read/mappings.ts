import { describeData, actualOf } from '../../federation/describe.js';
import { PayloadError } from '../../federation/errors.js';
import type { GroupMapping } from '../../federation/manifest/types.js';
import { unwrapTenantResult } from './envelope.js';

const CODE = 'ERR_PAYLOAD_MAPPINGS_INVALID' as const;

/** Validate one `{AttributeValue, GroupName}` entry; `where` names it in errors. */
export function readGroupMapping(entry: unknown, where: string, code: 'ERR_PAYLOAD_MAPPINGS_INVALID' | 'ERR_PAYLOAD_SETTINGS_INVALID' = CODE): GroupMapping {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new PayloadError(code, `${where}: expected {"AttributeValue", "GroupName"}, found ${describeData(entry)}`, { actual: actualOf(entry) });
  }
  const e = entry as Record<string, unknown>;
  for (const k of ['AttributeValue', 'GroupName'] as const) {
    if (typeof e[k] !== 'string' || e[k] === '') throw new PayloadError(code, `${where}.${k}: expected a non-empty string, found ${describeData(e[k])}`, { expected: 'non-empty string', actual: actualOf(e[k]) });
  }
  return Object.freeze({ AttributeValue: e.AttributeValue as string, GroupName: e.GroupName as string });
}

/** Validate an array of mappings (`Mappings`, `GlobalMappings`). */
export function readGroupMappingList(list: unknown, where: string): readonly GroupMapping[] {
  if (!Array.isArray(list)) throw new PayloadError(CODE, `${where}: expected an array of {"AttributeValue", "GroupName"}, found ${describeData(list)}`, { actual: actualOf(list) });
  return Object.freeze(list.map((e, i) => readGroupMapping(e, `${where}[${i}]`)));
}

/**
 * Read a `GetGlobalGroupAssertionMappings` response: the envelope `{success, Result: {Mappings: [...]}}`
 * or its Result `{Mappings: [...]}`. Shapes are validated (`ERR_PAYLOAD_MAPPINGS_INVALID`).
 */
export function parseGlobalGroupMappings(input: string | object): readonly GroupMapping[] {
  const result = unwrapTenantResult(input, CODE, 'GetGlobalGroupAssertionMappings');
  if (result.Mappings === null) return Object.freeze([]);
  return readGroupMappingList(result.Mappings, 'Mappings');
}

/**
 * Bodies for `AddGlobalGroupAssertionMapping` / `DeleteGlobalGroupAssertionMapping`: the tenant takes
 * ONE `{"<attribute value>": "<host group>"}` object per call, so this returns one body per mapping.
 */
export function buildGlobalMappingCallBodies(mappings: readonly GroupMapping[]): Record<string, string>[] {
  return mappings.map((m, i) => {
    const v = readGroupMapping(m, `mappings[${i}]`);
    return { [v.AttributeValue]: v.GroupName };
  });
}

/** Body for `UpdateGlobalGroupAssertionMappings`: `{"Mappings": [{"AttributeValue", "GroupName"}]}` (replaces the whole list). */
export function buildUpdateGlobalMappingsBody(mappings: readonly GroupMapping[]): { Mappings: GroupMapping[] } {
  const list = readGroupMappingList(mappings, 'mappings');
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.AttributeValue)) throw new PayloadError(CODE, `mappings: expected each attribute value once (the tenant keeps one group per value), found ${JSON.stringify(m.AttributeValue)} twice`, { expected: 'distinct attribute values', actual: m.AttributeValue });
    seen.add(m.AttributeValue);
  }
  return { Mappings: list.map((m) => ({ AttributeValue: m.AttributeValue, GroupName: m.GroupName })) };
}
