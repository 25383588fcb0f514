import { renderInvoicePdf } from './index';
import { renderReminderStatementPdf } from './reminder-statement';
import type { MessagePortLike, PdfRenderRequest, PdfRenderResponse } from './pdf-worker-client';

/** Answers render requests arriving on `port`, one at a time, in order. Returns a stop function. */
export function servePdfRequests(port: MessagePortLike): () => void {
	let queue = Promise.resolve();
	const listener = (event: MessageEvent) => {
		const request = event.data as PdfRenderRequest;
		queue = queue.then(async () => {
			try {
				const pdf =
					request.kind === 'statement'
						? {
								...(await renderReminderStatementPdf(request.statement)),
								language: request.statement.language
							}
						: await renderInvoicePdf(request.document, request.options);
				port.postMessage({ id: request.id, ok: true, pdf } satisfies PdfRenderResponse, [
					pdf.bytes.buffer as ArrayBuffer
				]);
			} catch (error) {
				const failure = error instanceof Error ? error : new Error(String(error));
				port.postMessage({
					id: request.id,
					ok: false,
					error: failure.name,
					message: failure.message
				} satisfies PdfRenderResponse);
			}
		});
	};
	port.addEventListener('message', listener);
	port.start?.();
	return () => port.removeEventListener('message', listener);
}
