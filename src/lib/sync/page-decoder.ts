import {
	decodePage,
	failureError,
	type DecodedPage,
	type DecodeFailure,
	type PageDecodeRequest
} from './page-decode';

type Answer = { id: number } & ({ decoded: DecodedPage } | { failure: DecodeFailure });

/** The part of a worker the decoder uses; tests and browsers without workers decode inline. */
export interface DecodePort {
	postMessage(message: { id: number; request: PageDecodeRequest }): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<Answer>) => void): void;
	addEventListener(type: 'error', listener: (event: Event) => void): void;
	terminate(): void;
}

function spawnDecodeWorker(): DecodePort | undefined {
	if (typeof Worker === 'undefined') return undefined;
	return new Worker(new URL('./page-decode.worker.ts', import.meta.url), {
		type: 'module',
		name: 'sync-page-decode'
	});
}

/** Workers per bulk pull: a page's docs are split between them (docs decode independently). */
function poolSize(): number {
	const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
	return Math.max(1, Math.min(2, cores));
}

/**
 * Decodes pulled pages in workers, so a bulk pull keeps the main thread free for the writes (and
 * the UI) while the next page is decrypted and its docs are built. Without workers (tests, old
 * browsers) or once a worker has failed to start, pages are decoded inline: same function.
 */
export class PageDecoder {
	#ports: DecodePort[] | undefined;
	#broken = false;
	#next = 0;
	readonly #pending = new Map<
		number,
		{
			request: PageDecodeRequest;
			resolve: (page: DecodedPage) => void;
			reject: (error: Error) => void;
		}
	>();

	constructor(
		private readonly spawn: () => DecodePort | undefined = spawnDecodeWorker,
		private readonly size = poolSize()
	) {}

	async decode(request: PageDecodeRequest): Promise<DecodedPage> {
		const ports = this.#open();
		if (ports.length === 0) return decodePage(request);
		// A doc's rows stay together (its view is built from all of them), in page order.
		const parts = ports.map(() => [] as PageDecodeRequest['rows'][number][]);
		const partOf = new Map<string, number>();
		for (const row of request.rows) {
			let part = partOf.get(row.docId);
			if (part === undefined) partOf.set(row.docId, (part = partOf.size % ports.length));
			parts[part]?.push(row);
		}
		const decoded = await Promise.all(
			parts.map((rows, index) => {
				const port = ports[index];
				if (!port || rows.length === 0) return { rows: [], views: [] };
				return this.#ask(port, { ...request, rows });
			})
		);
		return {
			rows: decoded.flatMap((part) => part.rows).sort((a, b) => a.seq - b.seq),
			views: decoded.flatMap((part) => part.views)
		};
	}

	/** Stops the workers; pages still on their way fail. */
	close(): void {
		for (const port of this.#ports ?? []) port.terminate();
		this.#ports = undefined;
		this.#failAll(new Error('the page decoder was closed'));
	}

	#ask(port: DecodePort, request: PageDecodeRequest): Promise<DecodedPage> {
		const id = this.#next++;
		return new Promise<DecodedPage>((resolve, reject) => {
			this.#pending.set(id, { request, resolve, reject });
			port.postMessage({ id, request });
		});
	}

	#open(): DecodePort[] {
		if (this.#ports || this.#broken) return this.#ports ?? [];
		const ports: DecodePort[] = [];
		try {
			for (let i = 0; i < this.size; i++) {
				const port = this.spawn();
				if (port) ports.push(port);
			}
		} catch {
			for (const port of ports) port.terminate();
			ports.length = 0;
		}
		if (ports.length === 0) {
			this.#broken = true;
			return [];
		}
		for (const port of ports) {
			port.addEventListener('message', (event) => this.#answer(event.data));
			// A worker that fails to load (or dies) hands its pages back: they are decoded inline.
			port.addEventListener('error', () => this.#fallBack());
		}
		this.#ports = ports;
		return ports;
	}

	#answer(answer: Answer): void {
		const pending = this.#pending.get(answer.id);
		if (!pending) return;
		this.#pending.delete(answer.id);
		if ('decoded' in answer) pending.resolve(answer.decoded);
		else pending.reject(failureError(answer.failure));
	}

	#fallBack(): void {
		this.#broken = true;
		for (const port of this.#ports ?? []) port.terminate();
		this.#ports = undefined;
		for (const { request, resolve, reject } of this.#pending.values()) {
			decodePage(request).then(resolve, reject);
		}
		this.#pending.clear();
	}

	#failAll(error: Error): void {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}
}
