// The tab's side: one worker per tab, started on the first request and reused; every answer is
// parsed before it is believed, and a dead worker fails every pending request with its reason.
import type { ValidationResult } from '$lib/peppol-rules';
import {
	describeIssues,
	rulesResponseSchema,
	type RulesRequest,
	type RulesResponse
} from './protocol';

/** What the client needs of a Worker (a MessagePort serves in tests). */
export interface RulesWorkerPort {
	postMessage(message: RulesRequest): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
	addEventListener(type: 'error', listener: (event: Event) => void): void;
	terminate?(): void;
}

export interface RulesCheck {
	result: ValidationResult;
	/** milliseconds the worker spent validating */
	ms: number;
}

type Pending = {
	resolve: (response: RulesResponse) => void;
	reject: (error: Error) => void;
};

export class RulesClient {
	#port: RulesWorkerPort | undefined;
	#nextId = 0;
	readonly #pending = new Map<number, Pending>();

	constructor(private readonly spawn: () => RulesWorkerPort) {}

	/** Loads and compiles the rules in the worker (once); resolves with the load time in ms. */
	async load(): Promise<number> {
		return (await this.loadTimed()).loadMs;
	}

	/** As load(), with the milliseconds of each phase of the load (the bench prints them). */
	async loadTimed(): Promise<{ loadMs: number; phases: Record<string, number> }> {
		const response = await this.#request({ type: 'load', id: this.#nextId++ });
		if (response.type !== 'loaded') throw new Error('official rules: unexpected answer to load');
		return { loadMs: response.loadMs, phases: response.phases };
	}

	/** Validates one UBL document with the official rules, in the worker. */
	async validate(xml: string): Promise<RulesCheck> {
		const response = await this.#request({ type: 'validate', id: this.#nextId++, xml });
		if (response.type !== 'result') throw new Error('official rules: unexpected answer');
		return { result: response.result, ms: response.ms };
	}

	/** Stops the worker; pending requests fail and the next one starts a fresh worker. */
	terminate(): void {
		this.#port?.terminate?.();
		this.#port = undefined;
		this.#failAll(new Error('official rules: the worker was stopped'));
	}

	#request(request: RulesRequest): Promise<RulesResponse> {
		const port = this.#started();
		return new Promise((resolve, reject) => {
			this.#pending.set(request.id, { resolve, reject });
			port.postMessage(request);
		});
	}

	#started(): RulesWorkerPort {
		if (this.#port) return this.#port;
		const port = this.spawn();
		port.addEventListener('message', (event) => this.#answer(event.data));
		port.addEventListener('error', (event) => {
			const detail = (event as { message?: unknown }).message;
			const message = typeof detail === 'string' && detail ? detail : 'the worker failed to start';
			this.#failAll(new Error(`official rules: ${message}`));
			// The next request starts a fresh worker.
			this.#port = undefined;
		});
		this.#port = port;
		return port;
	}

	#answer(data: unknown): void {
		const parsed = rulesResponseSchema.safeParse(data);
		if (!parsed.success) {
			this.#failAll(new Error(`official rules: bad answer: ${describeIssues(parsed.error)}`));
			return;
		}
		const response = parsed.data;
		const id = response.id;
		if (id === null) {
			this.#failAll(new Error(response.type === 'failed' ? response.message : 'bad answer'));
			return;
		}
		const pending = this.#pending.get(id);
		if (!pending) return;
		this.#pending.delete(id);
		if (response.type === 'failed') pending.reject(new Error(response.message));
		else pending.resolve(response);
	}

	#failAll(error: Error): void {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}
}

/** The browser's worker, bundled by Vite from ./worker.ts. */
export function spawnRulesWorker(): RulesWorkerPort {
	return new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module',
		name: 'official-rules'
	});
}
