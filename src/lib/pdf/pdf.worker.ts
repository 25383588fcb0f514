/**
 * Module worker for the live preview; start it with `createPdfWorkerClient()` from `$lib/pdf`.
 * jsPDF, pdf-lib and the fonts load inside the worker, never on the page.
 *
 * The entry itself imports almost nothing: the request server (with the domain code it reaches)
 * is loaded in the same wave as the renderer, jsPDF and the fonts, not before them, and requests
 * that arrive meanwhile are held (early-messages.ts).
 *
 * The worker loads no zod at all (about 100 KB it compiled and evaluated before its first PDF):
 * requests are checked by hand (pdf-request-check.ts) and it imports values only from modules
 * without schemas. So it needs no zod-csp either; tests/e2e/pdf-worker-zod.spec.ts holds it to
 * that.
 */
import { holdEarlyMessages, refuseRequests } from './early-messages';
import type { MessagePortLike } from './pdf-worker-client';
import { preloadRenderer } from './preload-renderer';

const port = holdEarlyMessages(self as unknown as MessagePortLike);
import('./pdf-worker-server').then(
	({ servePdfRequests }) => servePdfRequests(port),
	(error: unknown) => refuseRequests(port, error)
);
// The worker starts because a PDF is wanted: its code and fonts load now, not on the request.
void preloadRenderer();
