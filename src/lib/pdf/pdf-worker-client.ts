/**
 * Rendering off the main thread: the live preview posts the draft to a worker (pdf.worker.ts)
 * and gets PDF bytes back, so typing never waits for jsPDF. Only plain data crosses, and the
 * PDF's buffer is transferred, not copied.
 */
import type { InvoiceDocument } from '$lib/document';
import type { RenderedInvoicePdf, RenderInvoicePdfOptions } from './index';
import type { ReminderStatement } from './reminder-statement-view';

/** The part of a Worker, a DedicatedWorkerGlobalScope or a MessagePort both ends use. */
export interface MessagePortLike {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	start?(): void;
}

export type PdfRenderRequest =
	| {
			id: number;
			kind?: 'invoice';
			document: InvoiceDocument;
			/** Without `totals`: the worker derives them (functions and classes do not cross). */
			options: Omit<RenderInvoicePdfOptions, 'totals'>;
	  }
	/** A payment reminder's one-page statement (reminder-statement.ts). */
	| { id: number; kind: 'statement'; statement: ReminderStatement };

export type PdfRenderResponse =
	| { id: number; ok: true; pdf: RenderedInvoicePdf }
	| { id: number; ok: false; error: string; message: string };

export type PreviewResult =
	| { status: 'rendered'; pdf: RenderedInvoicePdf }
	/** A newer draft was posted before this one started; only the latest is rendered. */
	| { status: 'superseded' }
	| { status: 'failed'; error: string; message: string };

/**
 * The page's side. While one render runs, only the newest waiting draft is kept, so a fast
 * typist gets the latest state as soon as the worker is free and never a backlog.
 */
export class PdfWorkerClient {
	private nextId = 1;
	private running: number | undefined;
	private waiting:
		{ request: PdfRenderRequest; resolve: (result: PreviewResult) => void } | undefined;
	private readonly pending = new Map<number, (result: PreviewResult) => void>();
	private readonly listener = (event: MessageEvent) => this.settle(event.data as PdfRenderResponse);

	constructor(private readonly port: MessagePortLike) {
		port.addEventListener('message', this.listener);
		port.start?.();
	}

	render(
		document: InvoiceDocument,
		options: Omit<RenderInvoicePdfOptions, 'totals'> = {}
	): Promise<PreviewResult> {
		return this.enqueue({ id: this.nextId++, document, options });
	}

	/** A reminder's statement; use a client of its own so no preview supersedes it. */
	renderStatement(statement: ReminderStatement): Promise<PreviewResult> {
		return this.enqueue({ id: this.nextId++, kind: 'statement', statement });
	}

	private enqueue(request: PdfRenderRequest): Promise<PreviewResult> {
		return new Promise((resolve) => {
			if (this.running === undefined) {
				this.send(request, resolve);
				return;
			}
			this.waiting?.resolve({ status: 'superseded' });
			this.waiting = { request, resolve };
		});
	}

	close(): void {
		this.port.removeEventListener('message', this.listener);
	}

	private send(request: PdfRenderRequest, resolve: (result: PreviewResult) => void): void {
		this.running = request.id;
		this.pending.set(request.id, resolve);
		this.port.postMessage(request);
	}

	private settle(response: PdfRenderResponse): void {
		const resolve = this.pending.get(response.id);
		if (!resolve) return;
		this.pending.delete(response.id);
		this.running = undefined;
		resolve(
			response.ok
				? { status: 'rendered', pdf: response.pdf }
				: { status: 'failed', error: response.error, message: response.message }
		);
		const next = this.waiting;
		this.waiting = undefined;
		if (next) this.send(next.request, next.resolve);
	}
}
