import type { Handler, Route } from './http/context.js';

/** Routes added by later modules (directory, roles, policy, MSP, SP documents). */
export const EXTRA_ROUTES: [string, Handler, Partial<Omit<Route, 'handler'>>?][] = [];
