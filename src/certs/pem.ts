import { CertError } from './errors.js';
import { decodeBase64Strict } from './base64.js';

/** One PEM block (RFC 7468 §2): its label and decoded bytes. */
export interface PemBlock {
  readonly label: string;
  readonly der: Buffer;
}

const BEGIN = /-----BEGIN ([A-Z0-9 #-]*)-----/g;

/**
 * Every PEM block in `text`, in order; text between blocks (openssl's `subject=` lines,
 * "Bag Attributes") is ignored, as RFC 7468 §5.2 allows. Headers (RFC 1421 `Proc-Type:`) are refused.
 * @throws {CertError} `ERR_CERT_PEM` (broken armour), `ERR_CERT_BASE64` (broken body)
 */
export function readPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BEGIN.exec(text)) !== null) {
    const label = m[1]!;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const endAt = text.indexOf(endMarker, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (endAt < 0 || (nextBegin >= 0 && nextBegin < endAt)) {
      const otherEnd = /-----END ([A-Z0-9 #-]*)-----/.exec(text.slice(bodyStart));
      throw new CertError('ERR_CERT_PEM', `PEM block ${blocks.length + 1} (${label}) has no matching "${endMarker}"${otherEnd && (nextBegin < 0 || bodyStart + otherEnd.index < nextBegin) ? ` (found "-----END ${otherEnd[1]}-----")` : ' (truncated?)'}`, {
        expected: endMarker,
        actual: otherEnd ? `-----END ${otherEnd[1]}-----` : 'end of input',
      });
    }
    const body = text.slice(bodyStart, endAt);
    if (body.includes(':')) {
      throw new CertError('ERR_CERT_PEM', `PEM block ${blocks.length + 1} (${label}) has RFC 1421 headers (encrypted PEM?), which certificates never have`, {
        expected: 'base64 only between BEGIN and END',
        actual: body.trim().split('\n')[0]?.trim(),
      });
    }
    blocks.push({ label, der: decodeBase64Strict(body, `PEM block ${blocks.length + 1} (${label})`) });
    BEGIN.lastIndex = endAt + endMarker.length;
  }
  if (blocks.length === 0 && text.includes('-----END ')) {
    throw new CertError('ERR_CERT_PEM', 'PEM END line without a BEGIN line', { expected: '-----BEGIN CERTIFICATE-----', actual: 'only an END line' });
  }
  return blocks;
}

/** Labels RFC 7468 §5.1 and older tools use for an X.509 certificate. */
export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'X.509 CERTIFICATE']);
