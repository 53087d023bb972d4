import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationForm, NATIVE, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

describe('sandbox minimal server', () => {
  it('logs in with a password and creates a federation', async () => {
    const token = await sb.login();
    const settings = await sb.call<Record<string, unknown>>('/Federation/GetGlobalFederationSettings?FederationType=SAML%202.0', {}, token);
    expect(settings.success).toBe(true);
    expect(settings.Result['SPSigningCertificateSubject']).toBe('CN=Centrify Customer AAA1234 Application Signing Certificate');
    const r = await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` }, body: federationForm({}) });
    const j = (await r.json()) as { success: boolean; Message: string; Result: { FederationName: string } };
    expect(j.Message).toBe(null);
    expect(j.Result.FederationName).toBe('Acme');
    const list = await sb.call<unknown[]>('/Federation/GetFederations', {}, await sb.clientToken());
    expect(list.Result).toHaveLength(1);
  });
});
