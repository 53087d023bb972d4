import type { Handler, Route } from '../http/context.js';
import { acs, acsMfa } from './acs.js';
import { login } from './login.js';

/** Browser routes (issue 12): no native header, no token; forms. */
const BROWSER = { auth: false, native: false, body: 'form', methods: ['GET', 'POST'] } as const;

/** Browser-facing SP routes: login page, ACS and landing page at /My, partner MFA. */
export const SP_ROUTES: [string, Handler, Partial<Omit<Route, 'handler'>>?][] = [
  ['/login', login, BROWSER],
  ['/My', acs, BROWSER],
  ['/My/Mfa', acsMfa, { ...BROWSER, methods: ['POST'] }],
];
