import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSamlfedError } from '../errors.js';
import { handleAdmin } from './admin.js';
import type { FaultRule } from './faults.js';
import { BODY_LIMITS, parseJsonBody, readBody } from './http/body.js';
import type { Ctx } from './http/context.js';
import { hasNativeHeader, sessionOf } from './http/gate.js';
import { parseMultipart } from './http/multipart.js';
import { adminRequestAllowed, hostAllowed } from './http/origin.js';
import { fail, html, json, unauthorized, type Reply } from './http/reply.js';
import { isSecretKey, REDACTED, redact, redactHeaders } from './requests-log.js';
import { routeFor, ROUTES } from './routes.js';
import type { Runtime } from './runtime.js';

/** Path prefix of the pod entry point: StartAuthentication there answers with PodFqdn (tenant-api.md §2.6). */
export const POD_PREFIX = '/pod0';

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Slashes collapsed, one trailing `/` dropped (tenant-api.md §1.1; msp-create-customer.txt calls `//msp/SetTenantState`). */
export function normalisePath(raw: string): string {
  let p = raw.replace(/\/{2,}/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p === '' ? '/' : p;
}

/** Content-Security-Policy of every HTML answer (pages, 401, 404). */
export const PAGE_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  // An answer before the body was read (401, a fault, a refusal): close instead of draining an unbounded body.
  if (!res.req.complete) res.setHeader('Connection', 'close');
  res.statusCode = reply.status;
  res.setHeader('Content-Type', reply.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Pages carry no script, style or frame: a value that escaped escaping still could not run.
  // No form-action: the login form's 302 goes to the partner IdP on another origin.
  if (reply.contentType.startsWith('text/html')) res.setHeader('Content-Security-Policy', PAGE_CSP);
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.end(reply.body);
}

function envelopeOf(reply: Reply): { message?: string; code?: string } {
  if (!reply.contentType.startsWith('application/json') || typeof reply.body !== 'string' || !reply.body.startsWith('{"success":false')) return {};
  try {
    const o = JSON.parse(reply.body) as { Message?: string; ErrorCode?: string | null };
    const out: { message?: string; code?: string } = {};
    if (o.Message) out.message = o.Message;
    if (o.ErrorCode) out.code = o.ErrorCode;
    return out;
  } catch {
    return {};
  }
}

/** Reply for a fault that answers instead of the handler (null: the handler runs). */
function faultReply(rule: FaultRule): Reply | null {
  switch (rule.kind) {
    case 'http': {
      const r = html(rule.status ?? 500, `<html><body><h1>${rule.status ?? 500} Server Error</h1><p>Injected by samlfed sandbox.</p></body></html>`);
      if (rule.retryAfter !== undefined) r.headers = { 'Retry-After': String(rule.retryAfter) };
      return r;
    }
    case 'throttle':
      return { ...json(429, { success: false, Message: 'Too many requests (injected by the sandbox).' }), headers: { 'Retry-After': String(rule.retryAfter ?? 1) } };
    case 'envelope':
      return fail(rule.message ?? 'Internal server error (injected by the sandbox).', { errorId: 'sandbox-fault' });
    default:
      return null;
  }
}

async function readRequestBody(ctx: Ctx, kind: 'json' | 'multipart' | 'form' | 'none'): Promise<void> {
  if (kind === 'none') return;
  const cap = kind === 'multipart' ? BODY_LIMITS.multipartBytes : BODY_LIMITS.jsonBytes;
  ctx.raw = await readBody(ctx.req, cap);
  if (kind === 'json') {
    ctx.body = parseJsonBody(ctx.raw);
    ctx.logBody = redact(ctx.body);
  } else if (kind === 'form') {
    const params = new URLSearchParams(ctx.raw.toString('utf8'));
    ctx.body = Object.fromEntries(params);
    ctx.logBody = redact(ctx.body);
  } else {
    ctx.parts = await parseMultipart(ctx.req.headers['content-type'], ctx.raw);
    ctx.logBody = ctx.parts.map((p) => ({ name: p.name, ...(p.isFile ? { filename: p.filename, bytes: p.bytes.length } : { value: (redact({ [p.name]: p.value }) as Record<string, unknown>)[p.name] }) }));
  }
}

/** Serve one request: admin prefix, routing, faults, the auth gate, the body, the handler, the log. */
export async function dispatch(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('X-Samlfed-Sandbox', '1');
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  let path = normalisePath(q < 0 ? url : url.slice(0, q));
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();
  let podEntry = false;
  if (path.toLowerCase() === POD_PREFIX || path.toLowerCase().startsWith(`${POD_PREFIX}/`)) {
    podEntry = true;
    path = path.slice(POD_PREFIX.length) || '/';
  }
  const key = path.toLowerCase();
  const ctx: Ctx = { req, rt, state: rt.state, method, path, key, query, podEntry, body: {}, raw: Buffer.alloc(0), parts: [] };
  const admin = key === '/_sandbox' || key.startsWith('/_sandbox/');

  if (!hostAllowed(req) || (admin && !adminRequestAllowed(req, rt.url))) {
    const message = admin && hostAllowed(req) ? 'admin requests from a page of another origin are refused' : 'the Host header must name a loopback address (127.0.0.1, localhost, [::1])';
    rt.log(`refused: ERR_SANDBOX_ORIGIN_REFUSED: ${method} ${path}: ${message}`);
    send(res, json(403, { error: 'ERR_SANDBOX_ORIGIN_REFUSED', message }));
    return;
  }

  if (admin) {
    send(res, await handleAdmin(ctx).catch((e: unknown) => errorReply(ctx, e)));
    return;
  }

  const route = routeFor(key);
  let reply: Reply;
  let faultName: string | undefined;
  if (!route) {
    reply = html(404, '<html><body><h1>404 Not Found</h1></body></html>');
  } else if (!route.methods.includes(method) && !(rt.options.loose && method !== 'OPTIONS')) {
    reply = { ...html(405, '<html><body><h1>405 Method Not Allowed</h1></body></html>'), headers: { Allow: route.methods.join(', ') } };
  } else {
    const rule = rt.faults.pick(method, key);
    if (rule) faultName = rule.kind;
    if (rule?.kind === 'latency') await delay(rule.latencyMs ?? 200);
    if (rule?.kind === 'drop') {
      logEntry(ctx, 0, faultName);
      req.socket.destroy();
      return;
    }
    if (rule?.kind === 'stall') {
      logEntry(ctx, 0, faultName);
      return; // never answered; stop() destroys the socket
    }
    const injected = rule ? faultReply(rule) : null;
    if (injected) reply = injected;
    else reply = await runRoute(ctx, route).catch((e: unknown) => errorReply(ctx, e));
    if (rule?.kind === 'partial-commit') {
      reply = html(rule.status ?? 500, '<html><body><h1>500 Server Error</h1><p>The change was applied; the response failed (injected by samlfed sandbox).</p></body></html>');
    }
  }
  if (res.destroyed) return;
  const env = envelopeOf(reply);
  if (env.message && !ctx.logMessage) ctx.logMessage = env.message;
  if (env.code && !ctx.logCode) ctx.logCode = env.code;
  logEntry(ctx, reply.status, faultName);
  if (reply.status === 413) reply.headers = { ...(reply.headers ?? {}), Connection: 'close' };
  send(res, reply);
}

async function runRoute(ctx: Ctx, route: NonNullable<ReturnType<typeof ROUTES.get>>): Promise<Reply> {
  const { rt, req } = ctx;
  if (route.native && !rt.options.loose && !hasNativeHeader(req)) return unauthorized();
  if (route.auth) {
    const session = sessionOf(rt, req);
    if (!session) return unauthorized();
    // The session's tenant is the one every handler acts on (a customer tenant for a management-link
    // session): one tenant's session never reaches another tenant's state.
    const state = rt.tenantOf(session);
    if (!state) return unauthorized();
    ctx.session = session;
    ctx.state = state;
  } else {
    const session = sessionOf(rt, req);
    if (session) ctx.session = session;
  }
  await readRequestBody(ctx, route.body);
  return route.handler(ctx);
}

/** A thrown error as an answer: coded body refusals keep their code; anything else is a 500. */
export function errorReply(ctx: Ctx, e: unknown): Reply {
  if (isSamlfedError(e)) {
    ctx.logCode = e.code;
    ctx.logMessage = e.message;
    return fail(e.message, { errorCode: e.code, status: e.code === 'ERR_SANDBOX_BODY_TOO_LARGE' ? 413 : 200 });
  }
  ctx.rt.log(`internal error on ${ctx.method} ${ctx.path}: ${e instanceof Error ? e.message : String(e)}`);
  return fail('An internal error occurred in the sandbox.', { status: 500, errorId: 'sandbox-internal' });
}

function logEntry(ctx: Ctx, status: number, fault: string | undefined): void {
  const query = new URLSearchParams();
  for (const [k, v] of ctx.query) query.append(k, isSecretKey(k) ? REDACTED : v); // handlers read arguments from the query too (arg())
  ctx.rt.requests.add({
    time: ctx.rt.now().toISOString(),
    method: ctx.method,
    path: ctx.path,
    query: query.toString(),
    status,
    headers: redactHeaders(ctx.req.headers),
    ...(ctx.logBody !== undefined ? { body: ctx.logBody } : {}),
    ...(fault ? { fault } : {}),
    ...(ctx.logMessage ? { message: ctx.logMessage } : {}),
    ...(ctx.logCode ? { code: ctx.logCode } : {}),
  });
}
