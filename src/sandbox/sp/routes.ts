import type { Handler, Route } from '../http/context.js';

/** Browser-facing SP routes (issue 12): login page, ACS, landing page. Filled in by the SP modules. */
export const SP_ROUTES: [string, Handler, Partial<Omit<Route, 'handler'>>?][] = [];
