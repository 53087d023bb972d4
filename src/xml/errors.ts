import { SamlfedError } from '../errors.js';

/** Codes raised by the hardened XML parse path (`parseXml`). */
export type XmlErrorCode =
  | 'ERR_XML_EMPTY'
  | 'ERR_XML_TOO_LARGE'
  | 'ERR_XML_TOO_DEEP'
  | 'ERR_XML_DOCTYPE'
  | 'ERR_XML_MULTIPLE_ROOTS'
  | 'ERR_XML_ENCODING'
  | 'ERR_XML_MALFORMED'
  | 'ERR_XML_DUPLICATE_ID';

/** The input is not acceptable XML. `line`/`column` point at the problem when known. */
export class XmlError extends SamlfedError<XmlErrorCode> {}
