/**
 * `samlfed/sandbox`: a local emulator of the tenant API (issue 8, tenant-api.md §9), built from
 * the vendor's public documentation; not the product. Every response carries `X-Samlfed-Sandbox: 1`.
 */
export { startSandbox, type SandboxOptions, type RunningSandbox } from './start.js';
export { SandboxError, type SandboxErrorCode } from './errors.js';
export { parseFaults, type FaultRule, type FaultKind } from './faults.js';
export { generateSpKeys, SP_CERT_NOT_AFTER, type SpKeys } from './keys.js';
export { STATE_VERSION, type SandboxState } from './state/model.js';
export { POD_PREFIX } from './dispatch.js';
export { UNAUTHORIZED_TEXT } from './http/reply.js';
export { BODY_LIMITS } from './http/body.js';
export { CREATE_FEDERATION_PARTS } from './federation/form.js';
export { MSG as SANDBOX_MESSAGES } from './messages.js';
export type { RequestLogEntry } from './requests-log.js';
