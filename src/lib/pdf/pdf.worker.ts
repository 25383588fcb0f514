/**
 * Module worker for the live preview:
 * `new PdfWorkerClient(new Worker(new URL('$lib/pdf/pdf.worker.ts', import.meta.url), { type: 'module' }))`.
 * jsPDF, pdf-lib and the fonts load inside the worker, never on the page.
 */
import { servePdfRequests, type MessagePortLike } from './pdf-worker-protocol';

servePdfRequests(self as unknown as MessagePortLike);
