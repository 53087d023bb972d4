import { EXIT, UsageError, isBrokenPipe, write, type CliIo, type Command } from './io.js';
import { isSamlfedError } from '../errors.js';
import { packageVersion } from './version.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: 'lint IdP metadata (files, folders, https URLs or -)', load: async () => (await import('./commands/lint.js')).run },
  inspect: { summary: 'show what a metadata document says: endpoints, attributes, certificates', load: async () => (await import('./commands/inspect.js')).run },
  certs: { summary: 'report on certificates (PEM, DER, PKCS#12, or those in metadata)', load: async () => (await import('./commands/certs.js')).run },
  verify: { summary: 'check a SAML Response against the SP settings and the IdP metadata', load: async () => (await import('./commands/verify.js')).run },
  payload: { summary: 'build the CreateFederation multipart request for a partner manifest', load: async () => (await import('./commands/payload.js')).run },
  map: { summary: "map a partner's group attribute values to host groups", load: async () => (await import('./commands/map.js')).run },
  tenant: { summary: "read a tenant's federations, mappings, groups, roles, policy, settings", load: async () => (await import('./commands/tenant.js')).run },
  sandbox: { summary: 'run a local emulator of the tenant API on 127.0.0.1 (not the product)', load: async () => (await import('./commands/sandbox.js')).run },
  idp: { summary: 'run a partner IdP simulator (AD FS or tenant flavour) on 127.0.0.1', load: async () => (await import('./commands/idp.js')).run },
  onboard: { summary: 'federation as code: plan and apply partner manifests against a tenant', load: async () => (await import('./commands/onboard.js')).run },
};

export function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: samlfed <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nOptions:\n  -h, --help     show this help\n  -v, --version  print the version\n\nRun 'samlfed <command> --help' for a command's options.\nExit codes: 0 ok, 1 findings or rejected input, 2 bad usage or unreadable input.\n`;
}

/**
 * Run the CLI with `argv` (without node and script path). Never throws: every
 * failure becomes a message on stderr and an exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    // The reader of our output went away (`| head -1`): nothing more to say, and nowhere to say it.
    if (isBrokenPipe(e)) return EXIT.BROKEN_PIPE;
    throw e;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(name === undefined ? io.stderr : io.stdout, mainUsage());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    await write(io.stdout, `${packageVersion() ?? 'unknown'}\n`);
    return EXIT.OK;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    await write(io.stderr, `samlfed: unknown command ${JSON.stringify(name)}\n\n${mainUsage()}`);
    return EXIT.USAGE;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (e) {
    if (isBrokenPipe(e)) throw e;
    if (e instanceof UsageError) {
      await write(io.stderr, `samlfed ${name}: ${e.message}\n`);
      return EXIT.USAGE;
    }
    if (isSamlfedError(e)) {
      await write(io.stderr, `samlfed ${name}: ${e.code}: ${e.message}\n`);
      return EXIT.USAGE;
    }
    const msg = e instanceof Error ? e.message : String(e);
    await write(io.stderr, `samlfed ${name}: internal error: ${msg}\n`);
    return EXIT.USAGE;
  }
}
