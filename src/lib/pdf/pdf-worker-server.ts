import { z } from 'zod';
import { embeddedImageSchema } from '$lib/document/embedded-image';
import { checkTermsPdf, renderInvoicePdf } from './index';
import type { MessagePortLike, PdfWorkerRequest, PdfWorkerResponse } from './pdf-worker-client';
import type { ReminderStatement } from './reminder-statement-view';

const plainObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The envelope of a request. The document is the app's own, already checked where it was made
 * (the editor's schema, the stored record); a malformed one fails in the renderer with its name.
 */
const requestSchema = z.discriminatedUnion('kind', [
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('render'),
		document: z.custom<Extract<PdfWorkerRequest, { kind: 'render' }>['document']>(plainObject, {
			message: 'document: must be an invoice document object'
		}),
		options: z.custom<Extract<PdfWorkerRequest, { kind: 'render' }>['options']>(plainObject, {
			message: 'options: must be an object'
		})
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('check-terms'),
		bytes: z.instanceof(Uint8Array, { message: 'bytes: must be a Uint8Array' })
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('statement'),
		statement: z.custom<ReminderStatement>(plainObject, {
			message: 'statement: must be a reminder statement object'
		})
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('warm'),
		options: z.object({
			header: z.unknown().optional(),
			footer: z.unknown().optional(),
			images: z.array(embeddedImageSchema).optional()
		})
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('prepare-image'),
		source: z.string().startsWith('data:', { message: 'must be a data: URL' })
	})
]);

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
			await renderInvoicePdf(sampleInvoiceDocument(), request.options);
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
				const parsed = requestSchema.safeParse(event.data);
				if (!parsed.success) {
					port.postMessage({
						id,
						ok: false,
						error: 'PdfRequestError',
						message: parsed.error.issues
							.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
							.join('; ')
					} satisfies PdfWorkerResponse);
					return;
				}
				const response = await answer(parsed.data);
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
