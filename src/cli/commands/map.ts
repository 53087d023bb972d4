import { resolveHostGroups, rolesForHostGroups, effectiveGroupAttribute, DEFAULT_GROUP_ATTRIBUTE } from '../../federation/index.js';
import { readGlobalMappings } from '../../tenant/readers.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { reportFederationError } from '../federation-errors.js';
import { readManifestArg, readTenantJsonArg } from '../federation-input.js';
import { parseCommandArgs } from '../options.js';
import { writeOutputFile } from '../output.js';

const HELP = `Usage: samlfed map --partner <p.yaml> [options] VALUE...

Show which host groups (and roles) a partner user gets for the group attribute VALUEs their IdP
sends. The partner's own mappings win over global ones for the same value.

Options:
      --partner <FILE>       partner manifest (YAML or JSON)
      --global <FILE>        GetGlobalGroupAssertionMappings response (or a
                             GetGlobalFederationSettings response with GlobalMappings),
                             envelope or Result
  -f, --format <name>        text (default) or json: {partner, groupAttribute, hostGroups,
                             roles, rolesByHostGroup, hostGroupsWithoutRoles, matches,
                             unmapped, conflicts}
  -o, --output <FILE>        write the report to FILE instead of standard output
      --case-insensitive     compare values ignoring case (the default is exact, case-sensitive)
  -h, --help                 show this help

Exit codes: 0 done (unmapped values are reported, not an error); 1 invalid manifest or
mappings; 2 bad usage or unreadable input.
`;

/** `samlfed map`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('map', argv, {
      partner: { type: 'string' },
      global: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      'case-insensitive': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (!values.partner) throw new UsageError(`--partner is required\n\n${HELP}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(values.format)}`);

  const globalPath = values.global;
  try {
    // Mapping needs no metadata: do not insist the manifest's files exist.
    const manifest = await readManifestArg(values.partner, io, false);
    const global = globalPath === undefined ? undefined : await readTenantJsonArg(globalPath, io, '--global');
    const globalMappings = global === undefined ? [] : readGlobalMappings(global);
    const r = resolveHostGroups(positionals, manifest.mappings, globalMappings, { caseInsensitive: values['case-insensitive'] === true });
    const roles = rolesForHostGroups(r.hostGroups, manifest.roles);
    const attribute = manifest.groupAttribute === undefined && manifest.flavor === 'auto' ? `by detected flavour: ${DEFAULT_GROUP_ATTRIBUTE.tenant}, or ${DEFAULT_GROUP_ATTRIBUTE.adfs} for AD FS` : effectiveGroupAttribute(manifest);
    const emit = async (text: string) => (values.output !== undefined ? writeOutputFile(io, values.output, text) : write(io.stdout, text));
    if (values.format === 'json') {
      // Issue 11 defect 9: JSON carries at least what the text shows (roles included).
      const json = { partner: manifest.name, groupAttribute: attribute, hostGroups: r.hostGroups, roles: roles.roles, rolesByHostGroup: roles.byGroup, hostGroupsWithoutRoles: roles.groupsWithoutRoles, matches: r.matches, unmapped: r.unmapped, conflicts: r.conflicts };
      await emit(`${JSON.stringify(json, null, 2)}\n`);
      return EXIT.OK;
    }
    const lines: string[] = [`partner ${manifest.name} (group attribute ${attribute}${values['case-insensitive'] ? '; values compared ignoring case' : ''})`];
    if (positionals.length === 0) lines.push('no values given: no host groups');
    for (const m of r.matches) lines.push(`  ${JSON.stringify(m.value)} -> ${m.group} (${m.source} mapping)`);
    for (const v of r.unmapped) lines.push(`  ${JSON.stringify(v)} -> (unmapped)`);
    for (const c of r.conflicts) lines.push(`  conflict: ${JSON.stringify(c.value)} is mapped to ${c.partnerGroup} by the partner and to ${c.globalGroup} globally; the partner mapping wins`);
    lines.push(`host groups: ${r.hostGroups.length ? r.hostGroups.join(', ') : '(none)'}`);
    for (const g of roles.byGroup) lines.push(`  ${g.group}: ${g.roles.length ? g.roles.join(', ') : '(no roles in the manifest)'}`);
    lines.push(`roles: ${roles.roles.length ? roles.roles.join(', ') : '(none)'}`);
    await emit(`${lines.join('\n')}\n`);
    return EXIT.OK;
  } catch (e) {
    return reportFederationError('map', e, io);
  }
}
