import type { JobStatus, PushAnswer, PushFrameRow, SyncRow } from '$protocol';
import type { EventSubscription, RelayClient, RelayResult } from './client';

/** What the one events socket of a device is doing. */
export type RelayLinkState = 'connecting' | 'connected' | 'offline' | 'revoked' | 'closed';

export interface RelayEventListeners {
	/** The relay accepted the token: also after every reconnect, so a listener can catch up. */
	ready: () => void;
	job: (job: JobStatus) => void;
	/** The workspace's sync log grew to `head`; `rows` are the newest ones when the poke had room. */
	sync: (head: number, rows?: readonly SyncRow[]) => void;
	/** A received document was sealed and stored; the inbox grew to `cursor`. */
	inbox: (cursor: number) => void;
	state: (state: RelayLinkState) => void;
}

export interface RelayEventsOptions {
	/** First reconnect delay; it doubles on each failure up to `maxReconnectMs`. */
	reconnectMs?: number;
	maxReconnectMs?: number;
}

/**
 * The device's one `/events` socket, shared by everything that listens to the relay: the
 * connection indicator, sending (job changes) and sync (log pokes). It reconnects with backoff
 * until the relay refuses the token (revoked) or `close()` is called.
 */
export class RelayEvents {
	state: RelayLinkState = 'closed';
	readonly #client: RelayClient;
	readonly #reconnectMs: number;
	readonly #maxReconnectMs: number;
	#delay: number;
	#socket: EventSubscription | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #listeners: { [K in keyof RelayEventListeners]: Set<RelayEventListeners[K]> } = {
		ready: new Set(),
		job: new Set(),
		sync: new Set(),
		inbox: new Set(),
		state: new Set()
	};

	constructor(client: RelayClient, options: RelayEventsOptions = {}) {
		this.#client = client;
		this.#reconnectMs = options.reconnectMs ?? 1000;
		this.#maxReconnectMs = options.maxReconnectMs ?? 30_000;
		this.#delay = this.#reconnectMs;
	}

	on<K extends keyof RelayEventListeners>(type: K, listener: RelayEventListeners[K]): () => void {
		this.#listeners[type].add(listener);
		return () => this.#listeners[type].delete(listener);
	}

	/** Connects now, unless a socket is open or the token was refused. */
	connect(): void {
		if (this.#socket || this.state === 'revoked') return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#setState('connecting');
		this.#socket = this.#client.subscribe({
			onReady: () => {
				this.#delay = this.#reconnectMs;
				this.#setState('connected');
				for (const listener of this.#listeners.ready) listener();
			},
			onJob: (job) => {
				for (const listener of this.#listeners.job) listener(job);
			},
			onSync: (head, rows) => {
				for (const listener of this.#listeners.sync) listener(head, rows);
			},
			onInbox: (cursor) => {
				for (const listener of this.#listeners.inbox) listener(cursor);
			},
			onClose: (event) => {
				this.#socket = undefined;
				if (this.state === 'closed') return;
				if (event.unauthorized || event.forbidden) {
					this.#setState('revoked');
					return;
				}
				this.#setState('offline');
				this.#timer = setTimeout(() => this.connect(), this.#delay);
				this.#delay = Math.min(this.#delay * 2, this.#maxReconnectMs);
			}
		});
	}

	/**
	 * Pushes sync rows over the socket while it is connected: one message each way instead of an
	 * HTTP request. Undefined when it cannot (push over HTTP); see EventSubscription.push.
	 */
	push(rows: readonly PushFrameRow[]): Promise<RelayResult<PushAnswer>> | undefined {
		return this.state === 'connected' ? this.#socket?.push(rows) : undefined;
	}

	/** Marks the link offline without trying (the device knows it has no network). */
	offline(): void {
		if (this.state === 'revoked' || this.#socket) return;
		this.#setState('offline');
	}

	close(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#setState('closed');
		this.#socket?.close();
		this.#socket = undefined;
	}

	#setState(state: RelayLinkState): void {
		if (this.state === state) return;
		this.state = state;
		for (const listener of this.#listeners.state) listener(state);
	}
}
