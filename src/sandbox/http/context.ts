import type { IncomingMessage } from 'node:http';
import type { Runtime, Session } from '../runtime.js';
import type { TenantState } from '../state/model.js';
import { keyOf } from './body.js';
import type { FormPart } from './multipart.js';
import type { Reply } from './reply.js';

/** One request as handlers see it. */
export interface Ctx {
  readonly req: IncomingMessage;
  readonly rt: Runtime;
  /**
   * The tenant the request acts on: the session's tenant for routes that need a session (a
   * customer tenant for a management-link session, docs/sandbox.md "Customer tenants"), else the
   * MSP tenant (`rt.state`). Chosen once in dispatch; handlers never read `rt.state` for tenant data.
   */
  state: TenantState;
  readonly method: string;
  /** Normalised path (slashes collapsed, one trailing `/` and the pod prefix removed), as sent. */
  readonly path: string;
  /** `path` lower-cased: the route key. */
  readonly key: string;
  readonly query: URLSearchParams;
  /** The request came in through the pod entry point (`/pod0/...`, tenant-api.md §2.6). */
  readonly podEntry: boolean;
  body: Record<string, unknown>;
  raw: Buffer;
  parts: FormPart[];
  session?: Session;
  /** Redacted body summary for the request log (set by the body readers). */
  logBody?: unknown;
  /** Code and message of a refusal, for the request log. */
  logCode?: string;
  logMessage?: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** How a route is reached and what it reads. */
export interface Route {
  readonly handler: Handler;
  /** Requires a session or access token (tenant-api.md §9.3 auth gate). */
  readonly auth: boolean;
  /** Requires the native-client header in strict mode (every REST call). */
  readonly native: boolean;
  readonly body: 'json' | 'multipart' | 'form' | 'none';
  readonly methods: readonly string[];
}

/** A request argument: the JSON body key (case-insensitive), else the query string (tenant-api.md §1.1). */
export function arg(ctx: Ctx, name: string): unknown {
  const v = keyOf(ctx.body, name);
  if (v !== undefined) return v;
  const lower = name.toLowerCase();
  for (const [k, qv] of ctx.query) if (k.toLowerCase() === lower) return qv;
  return undefined;
}

/** A string argument, trimmed; undefined when absent, not a string, or empty. */
export function strArg(ctx: Ctx, name: string): string | undefined {
  const v = arg(ctx, name);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}
