import type { MessagePortLike, PdfWorkerResponse } from './pdf-worker-client';

/**
 * The PDF worker's port while its request server is still loading: messages that arrive meanwhile
 * are held, in order, and handed to the server's listener the moment it is added, before any later
 * message. The worker's entry can then start every fetch the first PDF needs at once, instead of
 * first fetching, compiling and running the server's imports (the browser only queues a worker's
 * messages until its entry module has run, and drops those that then find no listener).
 */
export function holdEarlyMessages(port: MessagePortLike): MessagePortLike {
	const held: MessageEvent[] = [];
	const hold = (event: MessageEvent) => held.push(event);
	port.addEventListener('message', hold);
	port.start?.();
	return {
		postMessage: (message, transfer) =>
			transfer ? port.postMessage(message, transfer) : port.postMessage(message),
		addEventListener(type, listener) {
			port.removeEventListener('message', hold);
			for (const event of held.splice(0)) listener(event);
			port.addEventListener(type, listener);
		},
		removeEventListener: (type, listener) => port.removeEventListener(type, listener)
	};
}

/** The error name of a refusal: this worker will never serve, only a new one can. */
export const PDF_WORKER_UNAVAILABLE = 'PdfWorkerUnavailable';

/**
 * When the server cannot load (its script failed to arrive), every request, held or later, gets
 * that as its answer instead of leaving the page waiting for a PDF that never comes. The page's
 * client takes the refusal as its cue to end this worker and start another (pdfWorker()).
 */
export function refuseRequests(port: MessagePortLike, error: unknown): void {
	const message = `the PDF worker could not load: ${error instanceof Error ? error.message : String(error)}`;
	port.addEventListener('message', (event) => {
		const data: unknown = event.data;
		const id =
			data !== null && typeof data === 'object' && typeof (data as { id?: unknown }).id === 'number'
				? (data as { id: number }).id
				: 0;
		port.postMessage({
			id,
			ok: false,
			error: PDF_WORKER_UNAVAILABLE,
			message
		} satisfies PdfWorkerResponse);
	});
}
