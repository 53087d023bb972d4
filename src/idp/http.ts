/** Small HTTP helpers for the simulator: capped form bodies and page responses with safe headers. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IdpError } from './errors.js';

/** Largest accepted form body (an HTTP-POST AuthnRequest or the login form). */
export const MAX_FORM_BYTES = 256 * 1024;

/** A fresh CSP nonce for one page. */
export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Read an `application/x-www-form-urlencoded` body, refusing more than `MAX_FORM_BYTES`.
 * A field given twice is refused (which one would count is ambiguous).
 *
 * @throws {IdpError} ERR_IDP_BODY_TOO_LARGE, ERR_IDP_REQUEST_INVALID (wrong content type, repeated field)
 */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected a form body (application/x-www-form-urlencoded), found ${JSON.stringify(type || '(none)')}`, { expected: 'application/x-www-form-urlencoded', actual: type });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) {
    req.resume();
    throw new IdpError('ERR_IDP_BODY_TOO_LARGE', `Expected a body of at most ${MAX_FORM_BYTES} bytes, found ${declared}`, { expected: MAX_FORM_BYTES, actual: declared });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).byteLength;
    if (total > MAX_FORM_BYTES) {
      req.destroy();
      throw new IdpError('ERR_IDP_BODY_TOO_LARGE', `Expected a body of at most ${MAX_FORM_BYTES} bytes, found more`, { expected: MAX_FORM_BYTES });
    }
    chunks.push(chunk as Buffer);
  }
  return uniqueParams(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Parameters as a map; a repeated name is refused. */
export function uniqueParams(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of params) {
    if (out.has(k)) throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected ${JSON.stringify(k.slice(0, 40))} at most once, found it repeated`, { actual: k.slice(0, 40) });
    out.set(k, v);
  }
  return out;
}

/** Send an HTML page with no-store caching and a CSP that allows only the page's own nonce. */
export function sendHtml(res: ServerResponse, status: number, html: string, pageNonce: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Samlfed-Idp-Simulator': '1',
    // form-action: the auto-post form goes to the SP's ACS on any origin.
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${pageNonce}'; style-src 'nonce-${pageNonce}'; form-action *; base-uri 'none'; frame-ancestors 'none'`,
  });
  res.end(html);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Samlfed-Idp-Simulator': '1' });
  res.end(body);
}
