/**
 * Module worker for the live preview; start it with `createPdfWorkerClient()` from `$lib/pdf`.
 * jsPDF, pdf-lib and the fonts load inside the worker, never on the page.
 */
// First, before any schema parses in the worker: zod must not probe for eval under the CSP.
import '../zod-csp';
import type { MessagePortLike } from './pdf-worker-client';
import { servePdfRequests } from './pdf-worker-server';
import { preloadRenderer } from './preload-renderer';

servePdfRequests(self as unknown as MessagePortLike);
// The worker starts because a PDF is wanted: its code and fonts load now, not on the request.
void preloadRenderer();
