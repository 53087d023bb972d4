import { docsPath, type InputRule } from '../rule.js';

/** Raised by the engine (lint.ts) when parsing fails; it has no check of its own. */
export const rule: InputRule = {
  id: 'xml-malformed',
  scope: 'input',
  defaultSeverity: 'error',
  description: 'The input is not well-formed UTF-8 XML (or is empty, too large or too deeply nested).',
  docs: docsPath('xml-malformed'),
};
