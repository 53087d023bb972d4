import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSamlfedError } from '../../errors.js';
import { ManifestError, PayloadError, parseGlobalFederationSettings, parseGlobalGroupMappings, parseManifest, resolveHostGroups, rolesForHostGroups, effectiveGroupAttribute, type GroupMapping } from '../../federation/index.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';

const HELP = `Usage: samlfed map --partner p.yaml [--global global-mappings.json] [--format text|json]
                   [--case-insensitive] VALUE...

Show which host groups (and roles) a partner user gets for the group attribute VALUEs their IdP
sends. The partner's own mappings win over global ones for the same value.

  --partner FILE        partner manifest (YAML or JSON)
  --global FILE         GetGlobalGroupAssertionMappings response (or a GetGlobalFederationSettings
                        response with GlobalMappings), envelope or Result
  --format text|json    default text; json prints {hostGroups, matches, unmapped, conflicts}
  --case-insensitive    compare values ignoring case (the default is exact, case-sensitive)

Exit codes: 0 done (unmapped values are reported, not an error), 1 invalid manifest or mappings,
2 usage or unreadable input.
`;

async function readText(cwd: string, path: string, what: string): Promise<{ abs: string; text: string }> {
  const abs = resolve(cwd, path);
  try {
    return { abs, text: await readFile(abs, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A mappings file is either GetGlobalGroupAssertionMappings ({Mappings}) or GetGlobalFederationSettings ({GlobalMappings}). */
function readGlobal(text: string): readonly GroupMapping[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return parseGlobalGroupMappings(text); // reports ERR_PAYLOAD_MAPPINGS_INVALID
  }
  const result = typeof data === 'object' && data !== null && 'Result' in data ? (data as { Result: unknown }).Result : data;
  if (typeof result === 'object' && result !== null && 'GlobalMappings' in result && !('Mappings' in result)) return parseGlobalFederationSettings(data as object).GlobalMappings;
  return parseGlobalGroupMappings(data as object);
}

/** `samlfed map`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        partner: { type: 'string' },
        global: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'case-insensitive': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (!values.partner) throw new UsageError(`--partner is required\n\n${HELP}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(values.format)}`);

  const partner = await readText(io.cwd, values.partner, '--partner');
  const global = values.global !== undefined ? await readText(io.cwd, values.global, '--global') : undefined;
  try {
    // Mapping needs no metadata: do not insist the manifest's files exist.
    const manifest = parseManifest(partner.text, { file: values.partner, baseDir: dirname(partner.abs), checkFiles: false });
    const globalMappings = global ? readGlobal(global.text) : [];
    const r = resolveHostGroups(positionals, manifest.mappings, globalMappings, { caseInsensitive: values['case-insensitive'] === true });
    if (values.format === 'json') {
      await write(io.stdout, `${JSON.stringify({ hostGroups: r.hostGroups, matches: r.matches, unmapped: r.unmapped, conflicts: r.conflicts }, null, 2)}\n`);
      return EXIT.OK;
    }
    const roles = rolesForHostGroups(r.hostGroups, manifest.roles);
    const attribute = manifest.groupAttribute === undefined && manifest.flavor === 'auto' ? 'by detected flavour: Group, or http://schemas.xmlsoap.org/claims/Group for AD FS' : effectiveGroupAttribute(manifest);
    const lines: string[] = [`partner ${manifest.name} (group attribute ${attribute}${values['case-insensitive'] ? '; values compared ignoring case' : ''})`];
    if (positionals.length === 0) lines.push('no values given: no host groups');
    for (const m of r.matches) lines.push(`  ${JSON.stringify(m.value)} -> ${m.group} (${m.source} mapping)`);
    for (const v of r.unmapped) lines.push(`  ${JSON.stringify(v)} -> (unmapped)`);
    for (const c of r.conflicts) lines.push(`  conflict: ${JSON.stringify(c.value)} is mapped to ${c.partnerGroup} by the partner and to ${c.globalGroup} globally; the partner mapping wins`);
    lines.push(`host groups: ${r.hostGroups.length ? r.hostGroups.join(', ') : '(none)'}`);
    for (const g of roles.byGroup) lines.push(`  ${g.group}: ${g.roles.length ? g.roles.join(', ') : '(no roles in the manifest)'}`);
    lines.push(`roles: ${roles.roles.length ? roles.roles.join(', ') : '(none)'}`);
    await write(io.stdout, `${lines.join('\n')}\n`);
    return EXIT.OK;
  } catch (e) {
    if (e instanceof ManifestError || e instanceof PayloadError) {
      await write(io.stderr, `samlfed map: ${e.code}: ${e.message}\n`);
      return EXIT.REJECTED;
    }
    if (isSamlfedError(e)) {
      await write(io.stderr, `samlfed map: ${e.code}: ${e.message}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
}
