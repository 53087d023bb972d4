/**
 * The libxml2 side of the c14n differential: `xmllint --exc-c14n | --c14n | --c14n11` and
 * `xmlsec1 --verify`, run in batches (one process per batch, not per document).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when `cmd --version` runs. */
export function hasTool(cmd: 'xmllint' | 'xmlsec1'): boolean {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

export type XmllintMode = '--exc-c14n' | '--c14n' | '--c14n11';

/** A scratch directory removed by `dispose`. */
export function scratch(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-fuzz-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const SEP = 'samlfed-sep';

/**
 * Canonical form of each document (whole document, comments kept: that is what xmllint's c14n
 * options do) according to libxml2, or `undefined` where libxml2 refused it. Documents are
 * written with a trailing `<?samlfed-sep N?>` so one xmllint run serves the whole batch: C14N
 * §2.1 renders a PI after the document element as `#xA<?target data?>`, which is cut off here.
 */
export function xmllintC14n(docs: readonly string[], mode: XmllintMode, dir: string): Array<string | undefined> {
  const files = docs.map((xml, i) => {
    const f = join(dir, `c14n-${i}.xml`);
    writeFileSync(f, `${xml}<?${SEP} ${i}?>`, 'utf8');
    return f;
  });
  const r = spawnSync('xmllint', [mode, ...files], { maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  const out: Array<string | undefined> = new Array(docs.length).fill(undefined);
  const text = r.stdout.toString('utf8');
  const re = new RegExp(`\\n<\\?${SEP} (\\d+)\\?>`, 'g');
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out[Number(m[1])] = text.slice(start, m.index);
    start = m.index + m[0].length;
  }
  return out;
}

/**
 * `xmlsec1 --verify` of each signed document with the public key of `certPem`. `idNodes` are
 * `[namespace:]localName` of the elements whose `ID` attribute is an ID (xmlsec1 --id-attr).
 * xmlsec1 stops at the first failure, so the batch is resumed after it.
 */
export function xmlsec1Verify(docs: readonly string[], certFile: string, idNodes: readonly string[], dir: string): boolean[] {
  const files = docs.map((xml, i) => {
    const f = join(dir, `dsig-${i}.xml`);
    writeFileSync(f, xml, 'utf8');
    return f;
  });
  const ids = [...new Set(idNodes)].flatMap((n) => ['--id-attr:ID', n]);
  const ok: boolean[] = new Array(docs.length).fill(false);
  let from = 0;
  while (from < files.length) {
    const r = spawnSync('xmlsec1', ['--verify', '--pubkey-cert-pem', certFile, ...ids, ...files.slice(from)], { maxBuffer: 1 << 28 });
    if (r.error) throw r.error;
    const passed = (r.stdout.toString('utf8') + r.stderr.toString('utf8')).split('\n').filter((l) => l === 'OK').length;
    for (let i = 0; i < passed; i++) ok[from + i] = true;
    if (r.status === 0) break;
    from += passed + 1; // the one after the OKs failed
  }
  return ok;
}

/**
 * `xmlsec1 --sign` of each template (empty DigestValue and SignatureValue) with `keyFile`; the
 * signed document, or `undefined` where xmlsec1 failed. Outputs of one run are concatenated on
 * stdout, each starting with libxml2's XML declaration; a failure ends the run, which is resumed after it.
 */
export function xmlsec1Sign(templates: readonly string[], keyFile: string, idNodes: readonly string[], dir: string): Array<string | undefined> {
  const files = templates.map((xml, i) => {
    const f = join(dir, `tmpl-${i}.xml`);
    writeFileSync(f, xml, 'utf8');
    return f;
  });
  const ids = [...new Set(idNodes)].flatMap((n) => ['--id-attr:ID', n]);
  const out: Array<string | undefined> = new Array(templates.length).fill(undefined);
  let from = 0;
  while (from < files.length) {
    const r = spawnSync('xmlsec1', ['--sign', '--privkey-pem', keyFile, ...ids, ...files.slice(from)], { maxBuffer: 1 << 28 });
    if (r.error) throw r.error;
    const docs = r.stdout.toString('utf8').split(/^(?=<\?xml version="1\.0"[^?]*\?>\n)/m).filter((d) => d !== '');
    docs.forEach((d, i) => (out[from + i] = d));
    if (r.status === 0) break;
    from += docs.length + 1;
  }
  return out;
}
