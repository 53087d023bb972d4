import { docsPath, type InputRule } from '../rule.js';

/** Raised by the engine (lint.ts) when parsing fails; it has no check of its own. */
export const rule: InputRule = {
  id: 'not-metadata',
  scope: 'input',
  defaultSeverity: 'error',
  description: 'The root element is not a SAML 2.0 md:EntityDescriptor or md:EntitiesDescriptor.',
  docs: docsPath('not-metadata'),
};
