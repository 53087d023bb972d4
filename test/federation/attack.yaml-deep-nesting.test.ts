import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/federation/index.js';
import { YAML_MAX_NESTING, yamlNestingDepth } from '../../src/federation/manifest/yaml-depth.js';
import { loadConfig } from '../../src/cli/config/load.js';
import { loadUsersFile } from '../../src/idp/users.js';

// YAML nested thousands deep used to reach the yaml package's recursive composer, which ran the
// call stack out; V8 then sometimes aborted the whole process ("RegExpCompiler Allocation failed")
// instead of throwing. Every YAML input is now measured on the iteratively built CST first.
const shapes: Record<string, string> = {
  'block sequences (- - - ...)': `${'- '.repeat(50_000)}x\n`,
  'flow sequences ([[[[...)': `${'['.repeat(50_000)}\n`,
  'flow maps ({a: {a: ...)': `${'{a: '.repeat(40_000)}\n`,
  'explicit keys (? ? ? ...)': `${'? '.repeat(30_000)}x\n`,
};

describe('YAML nested thousands deep is refused before it is composed', () => {
  it('measures depth without recursion and stops past the limit', () => {
    expect(yamlNestingDepth('a:\n  b:\n    - [1, {c: 2}]\n', 10)).toBe(5); // map, map, sequence, flow sequence, flow map
    for (const text of Object.values(shapes)) expect(yamlNestingDepth(text, YAML_MAX_NESTING)).toBe(YAML_MAX_NESTING + 1);
  });

  for (const [name, text] of Object.entries(shapes)) {
    it(`partner manifest, ${name}: ERR_MANIFEST_TOO_LARGE`, () => {
      let code: string | undefined;
      try {
        parseManifest(text, { file: 'partner.yaml', checkFiles: false });
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      expect(code).toBe('ERR_MANIFEST_TOO_LARGE');
    });
  }

  it('lint config file: a usage error that names the nesting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-yaml-'));
    writeFileSync(join(dir, 'samlfed.config.yaml'), shapes['block sequences (- - - ...)']!);
    await expect(loadConfig(dir)).rejects.toThrow(`nested more than ${YAML_MAX_NESTING} levels deep`);
  });

  it('IdP simulator users file: ERR_IDP_USERS_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-yaml-'));
    const file = join(dir, 'users.yaml');
    writeFileSync(file, shapes['flow sequences ([[[[...)']!);
    await expect(loadUsersFile(file)).rejects.toMatchObject({ code: 'ERR_IDP_USERS_FILE' });
  });
});
