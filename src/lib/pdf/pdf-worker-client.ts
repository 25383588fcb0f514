/**
 * All PDF work of the app runs in one worker (pdf.worker.ts): the live previews, the files of an
 * issued invoice and the check of an uploaded terms-of-sale PDF. jsPDF and pdf-lib then ship once,
 * in the worker, and never block the page. Only plain data crosses; a rendered PDF's buffer is
 * transferred, not copied.
 */
import type { EmbeddedImage, InvoiceDocument } from '$lib/document';
import { PDF_WORKER_UNAVAILABLE } from './early-messages';
import type { ImageProblem } from './image-info';
import type { RenderedInvoicePdf, RenderInvoicePdfOptions } from './index';
import type { TermsPdfCheck } from './pdf-parts';
import type { ReminderStatement } from './reminder-statement-view';

/** The part of a Worker, a DedicatedWorkerGlobalScope or a MessagePort both ends use. */
export interface MessagePortLike {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	start?(): void;
}

/** Without `totals`: the worker derives them (functions and classes do not cross). */
export type PdfRenderOptions = Omit<RenderInvoicePdfOptions, 'totals'>;

export interface PdfRenderRequest {
	id: number;
	kind: 'render';
	document: InvoiceDocument;
	options: PdfRenderOptions;
}

export type PdfWorkerRequest =
	| PdfRenderRequest
	| { id: number; kind: 'check-terms'; bytes: Uint8Array }
	/** A payment reminder's one-page statement (reminder-statement.ts). */
	| { id: number; kind: 'statement'; statement: ReminderStatement }
	/** Loads the renderer and draws a throw-away invoice with the seller's header and footer. */
	| { id: number; kind: 'warm'; options: PdfWarmOptions }
	| { id: number; kind: 'prepare-image'; source: string };

/** What a warm-up renders with: the seller's header, footer and their stored images. */
export type PdfWarmOptions = Pick<PdfRenderOptions, 'header' | 'footer' | 'images'>;

export type PdfRenderResponse =
	| { id: number; ok: true; pdf: RenderedInvoicePdf }
	| { id: number; ok: false; error: string; message: string };

export type PdfWorkerResponse =
	| PdfRenderResponse
	| { id: number; ok: true; check: TermsPdfCheck }
	| { id: number; ok: true; warmed: true }
	| { id: number; ok: true; image: EmbeddedImage | ImageProblem };

export type PreviewResult =
	| { status: 'rendered'; pdf: RenderedInvoicePdf }
	/** A newer draft was posted before this one started; only the latest is rendered. */
	| { status: 'superseded' }
	| { status: 'failed'; error: string; message: string };

/** A request the worker could not carry out; `name` is the worker's error name. */
export class PdfWorkerError extends Error {
	constructor(name: string, message: string) {
		super(message);
		this.name = name;
	}
}

/**
 * The id of an answer's envelope (an object with a positive integer id and a boolean ok), or
 * undefined; what it carries was made by the same build's worker. Checked by hand, not with zod:
 * the PDF worker loads this module (through index.ts) and must not load zod
 * (pdf-request-check.ts says why; its spec holds the zod schema this matches).
 */
export function answerId(data: unknown): number | undefined {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
	const { id, ok } = data as Record<string, unknown>;
	return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && typeof ok === 'boolean'
		? id
		: undefined;
}

interface Pending {
	resolve(response: PdfWorkerResponse): void;
	preview: boolean;
}

/**
 * The page's side. Files and checks are answered in the order asked. For previews, while one
 * renders only the newest waiting draft is kept, so a fast typist gets the latest state as soon
 * as the worker is free and never a backlog.
 */
export class PdfWorkerClient {
	private nextId = 1;
	private previewRunning = false;
	private waiting:
		{ request: PdfRenderRequest; resolve: (result: PreviewResult) => void } | undefined;
	private readonly pending = new Map<number, Pending>();
	/** The refusal of a worker whose server never loaded: every later request gets it too. */
	private refusal: { error: string; message: string } | undefined;
	private readonly listener = (event: MessageEvent) => this.settle(event.data);

	/** `onUnavailable`: called once, at the first refusal of a worker whose server never loaded. */
	constructor(
		private readonly port: MessagePortLike,
		private onUnavailable?: () => void
	) {
		port.addEventListener('message', this.listener);
		port.start?.();
	}

	/** A live preview: superseded when a newer draft arrives before it starts. */
	render(document: InvoiceDocument, options: PdfRenderOptions = {}): Promise<PreviewResult> {
		return new Promise((resolve) => {
			const request: PdfRenderRequest = { id: this.nextId++, kind: 'render', document, options };
			if (!this.previewRunning) {
				this.sendPreview(request, resolve);
				return;
			}
			this.waiting?.resolve({ status: 'superseded' });
			this.waiting = { request, resolve };
		});
	}

	/** The PDF of an invoice to keep or send: never superseded; rejects with PdfWorkerError. */
	async renderFile(
		document: InvoiceDocument,
		options: PdfRenderOptions = {}
	): Promise<RenderedInvoicePdf> {
		const response = await this.ask({ id: this.nextId++, kind: 'render', document, options });
		if ('pdf' in response) return response.pdf;
		throw new PdfWorkerError('PdfWorkerError', 'the PDF worker answered a render without a PDF');
	}

	/** A reminder's statement: never superseded; a failure is an answer, not a throw. */
	async renderStatement(statement: ReminderStatement): Promise<PreviewResult> {
		try {
			const response = await this.ask({ id: this.nextId++, kind: 'statement', statement });
			return 'pdf' in response
				? { status: 'rendered', pdf: response.pdf }
				: { status: 'failed', error: 'PdfWorkerError', message: 'no PDF in the answer' };
		} catch (error) {
			if (error instanceof PdfWorkerError)
				return { status: 'failed', error: error.name, message: error.message };
			throw error;
		}
	}

	/** `checkTermsPdf` in the worker; the bytes are copied, so the caller keeps them. */
	async checkTerms(bytes: Uint8Array): Promise<TermsPdfCheck> {
		const response = await this.ask({ id: this.nextId++, kind: 'check-terms', bytes });
		if ('check' in response) return response.check;
		throw new PdfWorkerError('PdfWorkerError', 'the PDF worker answered a check without a result');
	}

	/**
	 * Gets the worker ready for the first real PDF (code, fonts, the logo decoded): called when
	 * the editor or an issued invoice opens, so a click on "Download PDF" does not pay for it.
	 */
	async warm(options: PdfWarmOptions = {}): Promise<void> {
		await this.ask({ id: this.nextId++, kind: 'warm', options });
	}

	/**
	 * An image (a data: URL) in the form every PDF embeds it, to store with the seller profile;
	 * or why it cannot be embedded.
	 */
	async prepareImage(source: string): Promise<EmbeddedImage | ImageProblem> {
		const response = await this.ask({ id: this.nextId++, kind: 'prepare-image', source });
		if ('image' in response) return response.image;
		throw new PdfWorkerError('PdfWorkerError', 'the PDF worker answered without an image');
	}

	close(): void {
		this.port.removeEventListener('message', this.listener);
	}

	private ask(request: PdfWorkerRequest): Promise<PdfWorkerResponse> {
		return new Promise((resolve, reject) => {
			const pending: Pending = {
				preview: false,
				resolve: (response) =>
					response.ok
						? resolve(response)
						: reject(new PdfWorkerError(response.error, response.message))
			};
			if (this.refusal) return pending.resolve({ id: request.id, ok: false, ...this.refusal });
			this.pending.set(request.id, pending);
			this.port.postMessage(request);
		});
	}

	private sendPreview(request: PdfRenderRequest, resolve: (result: PreviewResult) => void): void {
		if (this.refusal) return resolve({ status: 'failed', ...this.refusal });
		this.previewRunning = true;
		this.pending.set(request.id, {
			preview: true,
			resolve: (response) =>
				resolve(
					!response.ok
						? { status: 'failed', error: response.error, message: response.message }
						: 'pdf' in response
							? { status: 'rendered', pdf: response.pdf }
							: { status: 'failed', error: 'PdfWorkerError', message: 'no PDF in the answer' }
				)
		});
		this.port.postMessage(request);
	}

	private settle(data: unknown): void {
		const id = answerId(data);
		if (id === undefined) return;
		const pending = this.pending.get(id);
		if (!pending) return;
		this.pending.delete(id);
		const response = data as PdfWorkerResponse;
		pending.resolve(response);
		if (!response.ok && response.error === PDF_WORKER_UNAVAILABLE) {
			this.refuseAll({ error: response.error, message: response.message });
			return;
		}
		if (!pending.preview) return;
		this.previewRunning = false;
		const next = this.waiting;
		this.waiting = undefined;
		if (next) this.sendPreview(next.request, next.resolve);
	}

	/**
	 * This worker will never serve. Everything asked of it, now or later, gets the refusal here
	 * before the worker is ended: the browser drops the messages of an ended worker, so a request
	 * already inside it would otherwise never settle (a reminder behind the warm-up's render).
	 */
	private refuseAll(refusal: { error: string; message: string }): void {
		this.refusal = refusal;
		const pending = [...this.pending];
		this.pending.clear();
		for (const [id, entry] of pending) entry.resolve({ id, ok: false, ...refusal });
		const waiting = this.waiting;
		this.waiting = undefined;
		this.previewRunning = false;
		waiting?.resolve({ status: 'failed', ...refusal });
		const unavailable = this.onUnavailable;
		this.onUnavailable = undefined;
		unavailable?.();
	}
}
