import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isSamlfedError } from '../../errors.js';
import { buildCreateFederationPayload, loadManifest, parseGlobalFederationSettings, readTenantJsonFile, PayloadError, type CreateFederationPayload, type GlobalFederationSettings } from '../../federation/index.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { reportFederationError } from '../federation-errors.js';
import { parseCommandArgs } from '../options.js';

const HELP = `Usage: samlfed payload --partner p.yaml [--settings global-settings.json] [--out body.bin]
                       [--format multipart|json] [--force] [--now ISO-8601] [--federation-uuid UUID]

Build the tenant's CreateFederation multipart/form-data request for a partner manifest.

  --partner FILE         partner manifest (YAML or JSON)
  --settings FILE        GetGlobalFederationSettings response (envelope or Result) for the SP fields
  --out FILE             write the body (or the JSON view) here instead of stdout
  --format multipart     the request body; its Content-Type line goes to stderr (default)
  --format json          the reviewable view: every part in order, files by size and SHA-256
  --force                build even if the IdP metadata has lint errors (prints a loud WARNING)
  --now ISO-8601         clock for lint and certificate validity (default: now)
  --federation-uuid ID   update this existing federation instead of creating one

The IdP signing certificate's SHA-1 thumbprint is always printed on stderr: confirm it with the
partner out of band before sending the request.
Exit codes: 0 built, 1 rejected (lint errors, thumbprint mismatch, invalid manifest), 2 usage or unreadable input.
`;


/** `samlfed payload`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('payload', argv, {
      partner: { type: 'string' },
      settings: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'multipart' },
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
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(values.now) ? new Date(values.now) : new Date(NaN);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO-8601 date-time, got ${JSON.stringify(values.now)}`);
  }

  let settings: GlobalFederationSettings | undefined;
  let result: CreateFederationPayload;
  try {
    const manifest = await loadManifest(values.partner, { cwd: io.cwd });
    if (values.settings !== undefined) {
      const path = values.settings;
      const text = await readTenantJsonFile(resolve(io.cwd, path)).catch((e: unknown) => {
        throw isSamlfedError(e) ? e : new UsageError(`cannot read --settings ${path}: ${e instanceof Error ? e.message : String(e)}`);
      });
      settings = parseGlobalFederationSettings(text);
    }
    result = await buildCreateFederationPayload(manifest, {
      ...(settings ? { settings } : {}),
      ...(now ? { now } : {}),
      force: values.force === true,
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
  if (values.out !== undefined) {
    try {
      await writeFile(resolve(io.cwd, values.out), output);
    } catch (e) {
      throw new UsageError(`cannot write --out ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await write(io.stderr, `wrote ${output.length} bytes to ${values.out}\n`);
  } else {
    await write(io.stdout, output);
  }
  return EXIT.OK;
}
