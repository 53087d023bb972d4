import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseMetadata } from '../../src/metadata/index.js';
import { parseManifest, ManifestError } from '../../src/federation/index.js';

// Issue 11 items 11 and 13: --version in help; a pinned-thumbprint mismatch shows the pin; a manifest
// path to a directory says so.
const ROOT = resolve(__dirname, '../..');

describe('messages', () => {
  it('main help lists --version; samlfed --version prints the package version', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toContain('  -v, --version  print the version\n');
    const v = await cli(['--version']);
    expect(v.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('a metadata signer that is not pinned: the message shows the pins', () => {
    const pin = 'a3d915f4ae9cab80dd6bf27123fdeea648c9116c';
    const doc = parseMetadata(readFileSync(join(ROOT, 'test/fixtures/metadata/adfs.signed.xml')), { trust: { thumbprints: [pin] } });
    expect(doc.signature).toMatchObject({ status: 'invalid', code: 'ERR_METADATA_SIGNATURE_UNTRUSTED' });
    expect(doc.signature.status === 'invalid' && doc.signature.message).toBe("Expected the metadata to be signed with a certificate whose thumbprint is pinned (A3D915F4AE9CAB80DD6BF27123FDEEA648C9116C), found 2F4EF7D8BFC934A977578DEBCC3862C13691A1F1 in the Signature's KeyInfo");
  });

  it('a manifest whose metadata path is a directory says "found a directory", a missing one "found nothing"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-msg-'));
    mkdirSync(join(dir, 'md'));
    const err = (text: string) => {
      try {
        parseManifest(text, { baseDir: dir });
      } catch (e) {
        return e as ManifestError;
      }
      throw new Error('expected a ManifestError');
    };
    expect(err('name: x\ndomains: [x.example]\nmetadata: ./md\n').message).toContain(`expected metadata file "./md" to be an existing file, found a directory at ${join(dir, 'md')}`);
    expect(err('name: x\ndomains: [x.example]\nmetadata: ./none.xml\n').message).toContain(`found nothing at ${join(dir, 'none.xml')}`);
    writeFileSync(join(dir, 'ok.xml'), '<x/>');
    expect(parseManifest('name: x\ndomains: [x.example]\nmetadata: ./ok.xml\n', { baseDir: dir }).name).toBe('x');
  });
});
