import { buildCreateFederationPayload, PayloadError, type CreateFederationPayload } from '../../federation/index.js';
import { parseGlobalFederationSettings, type GlobalFederationSettings } from '../../tenant/readers.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { reportFederationError } from '../federation-errors.js';
import { readManifestArg, readTenantJsonArg } from '../federation-input.js';
import { parseCommandArgs, parseNow, parseRuleOptions } from '../options.js';
import { writeOutputFile } from '../output.js';

const HELP = `Usage: samlfed payload --partner <p.yaml> [options]

Build the tenant's CreateFederation multipart/form-data request for a partner manifest.

Options:
      --partner <FILE>       partner manifest (YAML or JSON)
      --settings <FILE>      GetGlobalFederationSettings response (envelope or Result) for the
                             SP fields
  -f, --format <name>        multipart (default): the request body; its Content-Type line goes
                             to stderr; json: the reviewable view (every part in order, files by
                             size and SHA-256)
  -o, --output <FILE>        write the body (or the JSON view) to FILE instead of standard output
                             (--out is a deprecated alias)
      --rule <ID=SEVERITY>   override a lint rule for the IdP metadata: off, info, warning or
                             error (repeatable)
      --force                build even if the IdP metadata has lint errors (prints a loud WARNING)
      --now <ISO-8601>       clock for lint and certificate validity (default: now)
      --federation-uuid <ID> update this existing federation instead of creating one
  -h, --help                 show this help

Key rollover: the signing certificate that counts is the pinned one (expectedThumbprint), else
the first one valid at --now. Its SHA-1 is sent as IDPSigningCertificateThumbprint; lint
findings about an expired certificate that does not count, or about an encryption key, are
printed as warnings and do not block.

The IdP signing certificate's SHA-1 thumbprint is always printed on stderr: confirm it with the
partner out of band before sending the request.

Exit codes: 0 built; 1 rejected (lint errors, thumbprint mismatch, invalid manifest); 2 bad
usage or unreadable input.
`;


/** `samlfed payload`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('payload', argv, {
      partner: { type: 'string' },
      settings: { type: 'string' },
      output: { type: 'string', short: 'o' },
      out: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'multipart' },
      rule: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      now: { type: 'string' },
      'federation-uuid': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
  }, false);
  const { values } = parsed;
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (!values.partner) throw new UsageError(`--partner is required\n\n${HELP}`);
  if (values.format !== 'multipart' && values.format !== 'json') throw new UsageError(`--format must be multipart or json, got ${JSON.stringify(values.format)}`);
  const now = values.now === undefined ? undefined : parseNow(values.now);
  if (values.output !== undefined && values.out !== undefined) throw new UsageError('give -o/--output or its deprecated alias --out, not both');
  const outFile = values.output ?? values.out;
  const rules = parseRuleOptions(values.rule ?? []);

  let settings: GlobalFederationSettings | undefined;
  let result: CreateFederationPayload;
  try {
    const manifest = await readManifestArg(values.partner, io);
    if (values.settings !== undefined) settings = parseGlobalFederationSettings(await readTenantJsonArg(values.settings, io, '--settings'));
    result = await buildCreateFederationPayload(manifest, {
      ...(settings ? { settings } : {}),
      ...(now ? { now } : {}),
      force: values.force === true,
      ...(Object.keys(rules).length > 0 ? { lint: { rules } } : {}),
      ...(values['federation-uuid'] ? { federationUuid: values['federation-uuid'] } : {}),
    });
  } catch (e) {
    const hint = e instanceof PayloadError && e.code === 'ERR_PAYLOAD_LINT_FAILED' ? 'run with --force to build anyway (not recommended)' : undefined;
    return reportFederationError('payload', e, io, hint);
  }

  for (const w of result.warnings) await write(io.stderr, w.startsWith('WARNING') ? `\n${'!'.repeat(72)}\n${w}\n${'!'.repeat(72)}\n\n` : `warning: ${w}\n`);
  const c = result.signingCertificate;
  await write(io.stderr, `IdP signing certificate SHA-1 thumbprint: ${result.thumbprint}\n  subject ${c.subject}, valid until ${c.notAfter}\n  confirm this thumbprint with the partner out of band before sending the request\n`);

  let output: Buffer;
  if (values.format === 'json') {
    const view = {
      contentType: result.contentType,
      fields: result.fields,
      thumbprint: result.thumbprint,
      thumbprints: result.thumbprints,
      signingCertificate: result.signingCertificate,
      flavour: result.flavour,
      groupAttribute: result.groupAttribute,
      forced: result.forced,
      warnings: result.warnings,
      lint: result.lint ? { errorCount: result.lint.errorCount, warningCount: result.lint.warningCount, infoCount: result.lint.infoCount, findings: result.lint.findings } : null,
    };
    output = Buffer.from(`${JSON.stringify(view, null, 2)}\n`, 'utf8');
  } else {
    output = result.body;
    await write(io.stderr, `Content-Type: ${result.contentType}\n`);
  }
  if (outFile !== undefined) {
    await writeOutputFile(io, outFile, output, values.output !== undefined ? '--output' : '--out');
    await write(io.stderr, `wrote ${output.length} bytes to ${outFile}\n`);
  } else {
    await write(io.stdout, output);
  }
  return EXIT.OK;
}
