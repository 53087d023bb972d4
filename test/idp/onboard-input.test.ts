import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIdp, type IdpServer } from '../../src/idp/index.js';
import { loadDesiredState } from '../../src/onboard/index.js';
import { TEST_KEYS } from './helpers.js';

let dir: string;
const servers: IdpServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-idp-onboard-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('onboard takes the simulator metadata as a partner metadata file', () => {
  for (const flavour of ['adfs', 'tenant'] as const) {
    it(`${flavour}: flavour detected, not blocked by the lint gate, trusts the simulator's signing certificate`, async () => {
      const idp = await startIdp({ flavour, keyPem: TEST_KEYS.keyPem, certPem: TEST_KEYS.certPem, ...(flavour === 'adfs' ? { encryptionKeyPem: TEST_KEYS.encryptionKeyPem, encryptionCertPem: TEST_KEYS.encryptionCertPem } : {}) });
      servers.push(idp);
      const partnerDir = join(dir, flavour);
      mkdirSync(partnerDir);
      writeFileSync(join(partnerDir, 'metadata.xml'), idp.metadataXml);
      writeFileSync(join(partnerDir, 'partner.yaml'), `name: sim-${flavour}\ndomains: [sim-${flavour}.example]\nmetadata: ./metadata.xml\nflavor: auto\nmappings:\n  Sales: Partner-Sales\n`);
      const desired = await loadDesiredState([partnerDir], { now: new Date('2026-06-15T12:00:00Z') });
      const p = desired.partners[0]!;
      expect(p.flavour).toBe(flavour);
      expect(p.blocked).toBeUndefined();
      expect(p.gate?.errorCount).toBe(0);
      expect(p.trust.map((c) => c.sha1)).toEqual(['2F4EF7D8BFC934A977578DEBCC3862C13691A1F1']);
    });
  }
});
