/**
 * Red-team: JSON bodies with a "__proto__" key. JSON.parse makes it an own key, but the policy
 * settings were copied with `out[k] = v`, which turned it into the copy's prototype: values hidden
 * from GetPolicyBlock and from the state file were still read by the federated-MFA check. Now the
 * key stays an ordinary key: stored, echoed and exported as sent; nothing is inherited.
 * Also checked: no global Object.prototype pollution, and the request log keeps it as a key.
 */
import { describe, expect, it } from 'vitest';
import { NATIVE, sandboxForFile } from '../helpers/sandbox.js';

const ALLOWS_MFA = '/Core/Authentication/FederatedLoginAllowsMfa';
const sb = sandboxForFile();

const raw = async (path: string, text: string) => {
  const r = await sb.fetch(path, { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' }, body: text });
  return r.text();
};

describe('"__proto__" keys in JSON bodies stay keys', () => {
  it('policy Settings: a "__proto__" object is stored and echoed as an own key, not inherited', async () => {
    const body = `{"plinks":[{"PolicySet":"/Policy/Proto","LinkType":"Inactive","Params":[]}],"policy":{"Path":"/Policy/Proto","Newpolicy":true,"Settings":{"__proto__":{"${ALLOWS_MFA}":true},"AuthenticationEnabled":true}}}`;
    const saved = JSON.parse(await raw('/Policy/SavePolicyBlock3', body)) as { success: boolean };
    expect(saved.success).toBe(true);
    const text = await raw('/Policy/GetPolicyBlock', '{"name":"/Policy/Proto"}');
    expect(text).toContain(`"Settings":{"__proto__":{"${ALLOWS_MFA}":true},"AuthenticationEnabled":true}`);
    const exported = await (await sb.fetch('/_sandbox/state')).text();
    expect(exported).toContain(`"settings":{"__proto__":{"${ALLOWS_MFA}":true},"AuthenticationEnabled":true}`);
    expect(({} as Record<string, unknown>)[ALLOWS_MFA]).toBeUndefined();
  });

  it('the request log keeps a "__proto__" key as a key and still redacts secrets inside it', async () => {
    await sb.fetch('/_sandbox/requests', { method: 'DELETE' });
    await raw('/Federation/GetGroups', '{"__proto__":{"Password":"hunter2-proto","x":1}}');
    const log = await (await sb.fetch('/_sandbox/requests')).text();
    expect(log).not.toContain('hunter2-proto');
    expect(log).toContain('"body":{"__proto__":{"Password":"[redacted]","x":1}}');
  });
});
