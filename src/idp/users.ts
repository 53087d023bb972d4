/**
 * The simulator's users (`--users FILE`): YAML or JSON, either a list or `{ users: [...] }`,
 * each entry `{ name: alice@acme.example, groups: [Sales Managers, ...] }`. The login page offers
 * them; a user typed in the form that is not in the file gets the groups typed with her.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { YAML_MAX_NESTING, yamlNestingDepth } from '../federation/manifest/yaml-depth.js';
import { describeValue } from '../errors.js';
import { IdpError } from './errors.js';
import { isXmlSafe } from './xml-text.js';

export interface IdpUser {
  readonly name: string;
  readonly groups: readonly string[];
}

export const USERS_LIMITS = Object.freeze({ fileBytes: 1024 * 1024, users: 1000, groups: 200, valueChars: 256 });

/**
 * Validate one login name or group value from a file or a form: a non-empty string of at most
 * 256 characters, without control characters (it goes into XML and HTML).
 */
export function checkValue(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > USERS_LIMITS.valueChars || !isXmlSafe(value) || /[\r\n]/.test(value)) {
    throw new IdpError('ERR_IDP_USERS_INVALID', `Expected ${what} to be a non-empty single-line string of at most ${USERS_LIMITS.valueChars} characters, found ${describeValue(value)}`, {
      expected: 'non-empty string',
      actual: describeValue(value),
    });
  }
  return value.trim();
}

/** Validate parsed users data (already-parsed YAML/JSON or an array given to `startIdp`). */
export function checkUsers(data: unknown): IdpUser[] {
  const list = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Array.isArray((data as { users?: unknown }).users) ? (data as { users: unknown[] }).users : undefined;
  if (!list) throw new IdpError('ERR_IDP_USERS_INVALID', `Expected a list of users or { users: [...] }, found ${describeValue(data)}`, { expected: 'list of users' });
  if (list.length > USERS_LIMITS.users) throw new IdpError('ERR_IDP_USERS_INVALID', `Expected at most ${USERS_LIMITS.users} users, found ${list.length}`, { expected: USERS_LIMITS.users, actual: list.length });
  const seen = new Set<string>();
  return list.map((entry, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new IdpError('ERR_IDP_USERS_INVALID', `users[${i}]: expected { name, groups }, found ${describeValue(entry)}`);
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (k !== 'name' && k !== 'groups') throw new IdpError('ERR_IDP_USERS_INVALID', `users[${i}]: unknown key ${JSON.stringify(k)} (expected name, groups)`, { expected: ['name', 'groups'], actual: k });
    const name = checkValue(e.name, `users[${i}].name`);
    if (seen.has(name.toLowerCase())) throw new IdpError('ERR_IDP_USERS_INVALID', `users[${i}]: ${JSON.stringify(name)} is listed twice`, { actual: name });
    seen.add(name.toLowerCase());
    const groups = e.groups ?? [];
    if (!Array.isArray(groups) || groups.length > USERS_LIMITS.groups) throw new IdpError('ERR_IDP_USERS_INVALID', `users[${i}].groups: expected a list of at most ${USERS_LIMITS.groups} values, found ${describeValue(groups)}`);
    return { name, groups: groups.map((g, j) => checkValue(g, `users[${i}].groups[${j}]`)) };
  });
}

/**
 * Read and validate a users file.
 *
 * @throws {IdpError} ERR_IDP_USERS_FILE (unreadable, too large, not YAML/JSON), ERR_IDP_USERS_INVALID
 */
export async function loadUsersFile(file: string): Promise<IdpUser[]> {
  let text: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (st.size > USERS_LIMITS.fileBytes) throw new IdpError('ERR_IDP_USERS_FILE', `${file}: expected at most ${USERS_LIMITS.fileBytes} bytes, found ${st.size}`, { expected: USERS_LIMITS.fileBytes, actual: st.size });
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof IdpError) throw e;
    throw new IdpError('ERR_IDP_USERS_FILE', `${file}: cannot read the users file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  let data: unknown;
  try {
    // Nesting is checked before the recursive YAML composer runs (src/federation/manifest/yaml-depth.ts).
    if (yamlNestingDepth(text, YAML_MAX_NESTING) > YAML_MAX_NESTING) throw new Error(`nested more than ${YAML_MAX_NESTING} levels deep`);
    data = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (e) {
    throw new IdpError('ERR_IDP_USERS_FILE', `${file}: not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  return checkUsers(data);
}
