// Before any schema parses on the page: zod must not probe for eval under the app's CSP.
import '$lib/zod-csp';
