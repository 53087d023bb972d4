/** Issue 8 "fix what the docs say": the offline commands accept the documented GetGlobalFederationSettings response verbatim. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ROOT = resolve(__dirname, '../..');
const DOCUMENTED = 'test/tenant/fixtures/get-global-federation-settings.json';

describe('documented settings in the CLI', () => {
  it('samlfed map --global takes GlobalMappings as single-key objects', async () => {
    const r = await cli(['map', '--partner', 'examples/adfs-partner/partner.yaml', '--global', DOCUMENTED, '--format', 'json', 'Team'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).matches).toEqual([{ value: 'Team', group: 'TestB2B', source: 'global' }]);
  });

  it('samlfed payload --settings sends the documented SP URLs', async () => {
    const r = await cli(['payload', '--partner', 'examples/adfs-partner/partner.yaml', '--settings', DOCUMENTED, '--format', 'json', '--now', '2026-12-01T00:00:00Z'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const fields = JSON.parse(r.stdout).fields as { name: string; value?: string }[];
    expect(fields.find((f) => f.name === 'SPMetadataUrl')?.value).toBe('https://mytenant.centrify.com/Federation/federationmetadata?FederationType=SAML%202.0');
    expect(fields.find((f) => f.name === 'SPAutnenticationResponseUrl')?.value).toBe('https://mytenant.centrify.com/My');
  });
});
