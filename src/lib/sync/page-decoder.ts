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

/**
 * Decodes pulled pages in a worker, so a bulk pull keeps the main thread free for the writes (and
 * the UI) while the next page is decrypted and its docs are built. Without workers (tests, old
 * browsers) or once the worker has failed to start, pages are decoded inline: same function.
 */
export class PageDecoder {
	#port: DecodePort | undefined;
	#broken = false;
	#next = 0;
	readonly #pending = new Map<
		number,
		{ resolve: (page: DecodedPage) => void; reject: (error: Error) => void }
	>();

	constructor(private readonly spawn: () => DecodePort | undefined = spawnDecodeWorker) {}

	decode(request: PageDecodeRequest): Promise<DecodedPage> {
		const port = this.#open();
		if (!port) return decodePage(request);
		const id = this.#next++;
		return new Promise<DecodedPage>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			port.postMessage({ id, request });
		});
	}

	/** Stops the worker; pages still on their way fail. */
	close(): void {
		this.#port?.terminate();
		this.#port = undefined;
		this.#failAll(new Error('the page decoder was closed'));
	}

	#open(): DecodePort | undefined {
		if (this.#port || this.#broken) return this.#port;
		try {
			this.#port = this.spawn();
		} catch {
			this.#port = undefined;
		}
		if (!this.#port) {
			this.#broken = true;
			return undefined;
		}
		this.#port.addEventListener('message', (event) => this.#answer(event.data));
		// A worker that fails to load fails the pages it holds; the engine retries, inline.
		this.#port.addEventListener('error', () => {
			this.#broken = true;
			this.#port?.terminate();
			this.#port = undefined;
			this.#failAll(new Error('the page decoder worker failed'));
		});
		return this.#port;
	}

	#answer(answer: Answer): void {
		const pending = this.#pending.get(answer.id);
		if (!pending) return;
		this.#pending.delete(answer.id);
		if ('decoded' in answer) pending.resolve(answer.decoded);
		else pending.reject(failureError(answer.failure));
	}

	#failAll(error: Error): void {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}
}
