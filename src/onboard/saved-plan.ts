import { OnboardError } from './errors.js';
import { PLAN_FORMAT, PLAN_VERSION, type PlanDocument } from './format/document.js';

/** Largest saved plan read (a plan is a few KiB; a hostile file cannot cost much). */
export const MAX_PLAN_BYTES = 4 * 1024 * 1024;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read a saved plan (`samlfed onboard plan -o plan.json`): JSON of `format`
 * `samlfed-onboard-plan`, `version` 1, with the fingerprint, digest, paths and changes it needs.
 * Anything else is `ERR_ONBOARD_PLAN_INVALID`. The changes themselves are not trusted: `apply`
 * plans again and refuses when the result differs (`ERR_ONBOARD_PLAN_STALE`).
 */
export function readPlanDocument(text: string, file = 'plan'): PlanDocument {
  if (typeof text !== 'string') throw new TypeError('readPlanDocument: text must be a string');
  if (Buffer.byteLength(text, 'utf8') > MAX_PLAN_BYTES) throw new OnboardError('ERR_ONBOARD_PLAN_INVALID', `${file}: expected a saved plan of at most ${MAX_PLAN_BYTES} bytes, found more`, { files: [file] });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new OnboardError('ERR_ONBOARD_PLAN_INVALID', `${file}: expected a saved plan (JSON), found text that does not parse: ${e instanceof Error ? e.message : String(e)}`, { files: [file], cause: e });
  }
  const bad = (what: string): never => {
    throw new OnboardError('ERR_ONBOARD_PLAN_INVALID', `${file}: expected a samlfed onboard plan (format ${PLAN_FORMAT}, version ${PLAN_VERSION}), found ${what}`, { files: [file] });
  };
  if (!isObj(doc)) return bad('no JSON object');
  if (doc.format !== PLAN_FORMAT) return bad(`format ${JSON.stringify(doc.format)}`);
  if (doc.version !== PLAN_VERSION) return bad(`version ${JSON.stringify(doc.version)}`);
  for (const k of ['fingerprint', 'desiredDigest', 'createdAt'] as const) if (typeof doc[k] !== 'string' || !/^[\w:.+-]{1,100}$/.test(doc[k] as string)) bad(`a missing or malformed ${k}`);
  if (!Array.isArray(doc.paths) || doc.paths.length === 0 || doc.paths.length > 500 || !doc.paths.every((p) => typeof p === 'string' && p !== '')) bad('no paths');
  if (!Array.isArray(doc.changes)) bad('no changes list');
  if (typeof doc.prune !== 'boolean') bad('no prune flag');
  return doc as unknown as PlanDocument;
}
