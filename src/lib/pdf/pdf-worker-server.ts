import { checkTermsPdf, renderInvoicePdf } from './index';
import { checkPdfRequest } from './pdf-request-check';
import type { MessagePortLike, PdfWorkerRequest, PdfWorkerResponse } from './pdf-worker-client';

const plainObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

async function answer(request: PdfWorkerRequest): Promise<PdfWorkerResponse> {
	switch (request.kind) {
		case 'render':
			return {
				id: request.id,
				ok: true,
				pdf: await renderInvoicePdf(request.document, request.options)
			};
		case 'statement': {
			const { renderReminderStatementPdf } = await import('./reminder-statement');
			return {
				id: request.id,
				ok: true,
				pdf: {
					...(await renderReminderStatementPdf(request.statement)),
					language: request.statement.language
				}
			};
		}
		case 'check-terms':
			return { id: request.id, ok: true, check: await checkTermsPdf(request.bytes) };
		case 'warm': {
			// The same code paths as the user's first PDF: jsPDF's code is compiled, the fonts are
			// parsed and the logo is decoded (both kept for the worker's lifetime).
			const { sampleInvoiceDocument } = await import('./sample-invoice');
			// Only what a warm-up renders with, as the request's type says: nothing else it carries.
			const { header, footer, images } = request.options;
			await renderInvoicePdf(sampleInvoiceDocument(), { header, footer, images });
			return { id: request.id, ok: true, warmed: true };
		}
		case 'prepare-image': {
			const { prepareEmbeddedImage } = await import('./prepare-image');
			return { id: request.id, ok: true, image: prepareEmbeddedImage(request.source) };
		}
	}
}

/** Answers requests arriving on `port`, one at a time, in order. Returns a stop function. */
export function servePdfRequests(port: MessagePortLike): () => void {
	let queue = Promise.resolve();
	const listener = (event: MessageEvent) => {
		queue = queue.then(async () => {
			const id =
				plainObject(event.data) && typeof event.data['id'] === 'number' ? event.data['id'] : 0;
			try {
				const checked = checkPdfRequest(event.data);
				if (!checked.ok) {
					port.postMessage({
						id,
						ok: false,
						error: 'PdfRequestError',
						message: checked.problem
					} satisfies PdfWorkerResponse);
					return;
				}
				const response = await answer(checked.request);
				port.postMessage(
					response,
					'pdf' in response ? [response.pdf.bytes.buffer as ArrayBuffer] : []
				);
			} catch (error) {
				const failure = error instanceof Error ? error : new Error(String(error));
				port.postMessage({
					id,
					ok: false,
					error: failure.name,
					message: failure.message
				} satisfies PdfWorkerResponse);
			}
		});
	};
	port.addEventListener('message', listener);
	port.start?.();
	return () => port.removeEventListener('message', listener);
}
