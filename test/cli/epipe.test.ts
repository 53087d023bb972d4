import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, removeBuild, root } from './built.js';

// Issue 11 defect 1: `samlfed inspect <aggregate> | head -1` crashed with an unhandled EPIPE stack
// trace and exit 1. The built CLI must end as `cat` does: killed by SIGPIPE (status 141), stderr empty.
let main = '';
const dir = join(root, '.tmp', `epipe-${process.pid}`);
const big = join(dir, 'big.xml');

beforeAll(async () => {
  main = await buildCli('epipe');
  mkdirSync(dir, { recursive: true });
  // An aggregate of 800 entities: every command prints far more (230 KB or more) than a pipe buffer
  // (64 KiB) and what head reads at once, so the writer meets the closed pipe whatever the timing.
  const one = readFileSync(join(root, 'test/fixtures/metadata/generic.unsigned.xml'), 'utf8').replace(/<\?xml[^>]*\?>/, '').replace(/\sID="[^"]*"/g, '');
  const entities = Array.from({ length: 800 }, (_, i) => one.replace('entityID="', `entityID="n${i}-`)).join('\n');
  writeFileSync(big, `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${entities}</EntitiesDescriptor>`);
}, 120_000);

afterAll(() => {
  removeBuild(main);
  rmSync(dir, { recursive: true, force: true });
});

/** Run `samlfed ARGS | head -1` in bash; return samlfed's status, head's output and samlfed's stderr. */
function pipedToHead(args: string[]): { status: number; first: string; stderr: string } {
  const err = join(dir, 'stderr.txt');
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const out = execFileSync('bash', ['-c', `'${process.execPath}' '${main}' ${quoted} 2>'${err}' | head -1; echo "status=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
  const status = Number(/status=(\d+)/.exec(out)?.[1]);
  return { status, first: out.split('\n')[0]!, stderr: readFileSync(err, 'utf8') };
}

describe('a closed stdout ends the built CLI quietly (as cat does)', () => {
  const cases: [string, string[], string][] = [
    ['inspect', ['inspect', 'big.xml', '--now', '2026-01-01'], 'Metadata: big.xml'],
    // 2099: every entity's certificate has expired, so lint has a finding per entity to print.
    ['lint', ['lint', 'big.xml', '--now', '2099-01-01'], 'big.xml:1:1 info metadata-unsigned Metadata is not signed; make sure it came over an authenticated channel (HTTPS from the partner, or a verified exchange)'],
    ['lint -f json', ['lint', '-f', 'json', 'big.xml', '--now', '2099-01-01'], '{'],
    ['certs', ['certs', 'big.xml', '--now', '2026-01-01'], 'certificate 1 of 800 in big.xml'],
  ];
  for (const [name, args, first] of cases) {
    it(`${name} | head -1: status 141 (SIGPIPE), no stack trace`, () => {
      const r = pipedToHead(args);
      expect(r.first).toBe(first);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(141);
    });
  }

  it('cat ends the same way (the reference behaviour)', () => {
    const r = execFileSync('bash', ['-c', `cat big.xml big.xml | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.trim()).toBe('status=141');
  });
});
