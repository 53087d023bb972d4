import { docsPath, type InputRule } from '../rule.js';

/** Raised by the engine (lint.ts) when parsing fails; it has no check of its own. */
export const rule: InputRule = {
  id: 'xml-doctype',
  scope: 'input',
  defaultSeverity: 'error',
  description: 'The document contains a DOCTYPE or entity declaration, which SAML metadata must not have.',
  docs: docsPath('xml-doctype'),
};
