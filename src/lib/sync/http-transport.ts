import {
	createRelayClient,
	RelayEvents,
	type RelayClient,
	type RelayCredentials,
	type RelayError,
	type RelayResult,
	type RelaySocketConstructor
} from '$lib/relay';
import { fromBase64, toBase64 } from '$lib/bytes';
import {
	TransportError,
	type IssuedNumber,
	type IssueNumberRequest,
	type PullPage,
	type PushAck,
	type PushRow,
	type SeriesSeed,
	type SnapshotUpload,
	type SyncPoke,
	type SyncTransport,
	type TransportFailure
} from './transport';
import { wrappedKeySchema, type WrappedKey } from './key-wrap';

export interface HttpTransportOptions {
	fetch?: typeof fetch;
	/** The WebSocket to open the events socket with, when no `events` is shared (Node tests: ws). */
	WebSocket?: RelaySocketConstructor;
	/** The device's events socket, when one is already open (the app shares the relay's). */
	events?: RelayEvents;
	/** Reconnect delay of an events socket this transport opens itself; doubles up to 30 s. */
	reconnectMs?: number;
}

/** The sync engine's failure kinds for a relay client's error. */
export function transportError(error: RelayError): TransportError {
	switch (error.kind) {
		case 'network':
			return new TransportError('offline', `relay unreachable: ${error.message}`);
		case 'unauthenticated':
			return new TransportError('unauthorized', error.message);
		case 'invalid':
			return new TransportError('rejected', error.message);
		case 'protocol':
			return new TransportError('server', error.message);
		case 'http': {
			const failure: TransportFailure =
				error.status === 401
					? 'unauthorized'
					: error.status === 403
						? 'forbidden'
						: error.status === 429 || error.status >= 500
							? 'server'
							: 'rejected';
			return new TransportError(failure, `${error.message} (${error.status})`, error.status);
		}
	}
}

/** The value of a relay call, or its error thrown as a TransportError. */
export function unwrap<T>(result: RelayResult<T>): T {
	if (!result.ok) throw transportError(result.error);
	return result.value;
}

/** Whether a frames call failed the way a relay from before binary sync frames answers it. */
function isOldRelayRefusal<T>(result: RelayResult<T>, status: 400 | 415): boolean {
	return !result.ok && result.error.kind === 'http' && result.error.status === status;
}

/**
 * The relay's sync log, sequencer and events socket, through the app's one relay client. Pushes
 * go over the events socket while it is connected (one message each way), else over HTTP.
 */
export class HttpSyncTransport implements SyncTransport {
	readonly client: RelayClient;
	readonly #options: HttpTransportOptions;
	// Cleared for good when the relay turns out to predate binary sync frames.
	#framesPull = true;
	#framesPush = true;
	/** The events socket pushes go over while it is connected: the shared one, or watch()'s own. */
	#events: RelayEvents | undefined;

	constructor(
		readonly credentials: RelayCredentials,
		options: HttpTransportOptions = {}
	) {
		this.#options = options;
		this.#events = options.events;
		this.client = createRelayClient({
			baseUrl: credentials.relayUrl,
			// Called unbound: browsers reject window.fetch invoked with another object as `this`.
			fetch: options.fetch ?? ((input, init) => fetch(input, init)),
			WebSocket: options.WebSocket ?? (typeof WebSocket === 'function' ? WebSocket : undefined),
			credentials
		});
	}

	async push(rows: readonly PushRow[]): Promise<PushAck[]> {
		const overSocket = this.#events?.push(rows);
		if (overSocket !== undefined) {
			const answer = await overSocket;
			// A socket that closed before the answer leaves the push unknown: it goes again over
			// HTTP with the same client ids, and the relay keeps one row for each.
			if (answer.ok || answer.error.kind !== 'network') return unwrap(answer).acks;
		}
		if (this.#framesPush) {
			// Binary frames: an upload's pushes would otherwise spend their time in base64 and JSON.
			const framed = await this.client.pushSyncFrames(rows);
			if (!isOldRelayRefusal(framed, 415)) return unwrap(framed).acks;
			// A relay from before binary frames refuses their media type: JSON from now on.
			this.#framesPush = false;
		}
		const answer = unwrap(
			await this.client.pushSync({
				rows: rows.map((row) => ({
					clientId: row.clientId,
					docId: row.docId,
					envelope: toBase64(row.envelope)
				}))
			})
		);
		return answer.acks;
	}

	async pull(after: number, limit: number): Promise<PullPage> {
		if (this.#framesPull) {
			// Binary frames: a bootstrap's pages would otherwise spend their time in JSON and base64.
			const framed = await this.client.pullSyncFrames(after, limit);
			if (!isOldRelayRefusal(framed, 400)) return unwrap(framed);
			// A relay from before binary frames refuses the unknown `format` query: JSON from now on.
			this.#framesPull = false;
		}
		const answer = unwrap(await this.client.pullSync(after, limit));
		return {
			head: answer.head,
			rows: answer.rows.map((row) => ({ ...row, envelope: fromBase64(row.envelope) }))
		};
	}

	async compact(snapshot: SnapshotUpload): Promise<{ seq: number; removed: number }> {
		return unwrap(
			await this.client.compactSync({
				clientId: snapshot.clientId,
				docId: snapshot.docId,
				upToSeq: snapshot.upToSeq,
				envelope: toBase64(snapshot.envelope)
			})
		);
	}

	async issueNumber(request: IssueNumberRequest): Promise<IssuedNumber> {
		const answer = unwrap(
			await this.client.issueNumber(request.seriesId, {
				invoiceId: request.invoiceId,
				issueDate: request.issueDate
			})
		);
		return { sequence: answer.number, issueDate: answer.issueDate };
	}

	async seedSeries(seed: SeriesSeed): Promise<'seeded' | 'in-use'> {
		const result = await this.client.seedSeries(seed.seriesId, {
			lastNumber: seed.lastNumber,
			lastIssueDate: seed.lastIssueDate
		});
		if (!result.ok && result.error.kind === 'http' && result.error.status === 409) return 'in-use';
		unwrap(result);
		return 'seeded';
	}

	async putKeyWrap(wrapped: WrappedKey): Promise<void> {
		unwrap(await this.client.putKeyWrap(wrapped));
	}

	async getKeyWrap(): Promise<WrappedKey> {
		return wrappedKeySchema.parse(unwrap(await this.client.getKeyWrap()));
	}

	/**
	 * Reports the events socket's link and each sync message, with the rows it carries decoded.
	 * Uses the shared socket when one was passed in, else opens its own, which reconnects with
	 * backoff unless the relay refused the token.
	 */
	watch(onPoke: (poke: SyncPoke) => void): () => void {
		const shared = this.#options.events;
		if (!shared && !this.#options.WebSocket && typeof WebSocket !== 'function') {
			return () => undefined;
		}
		const events =
			shared ?? new RelayEvents(this.client, { reconnectMs: this.#options.reconnectMs });
		const offReady = events.on('ready', () => onPoke({ kind: 'connected' }));
		const offState = events.on('state', (state) => {
			if (state !== 'connected') onPoke({ kind: 'disconnected' });
		});
		const offSync = events.on('sync', (head, rows) =>
			onPoke({
				kind: 'grew',
				head,
				rows: rows?.map((row) => ({ ...row, envelope: fromBase64(row.envelope) }))
			})
		);
		if (!shared) {
			this.#events = events;
			events.connect();
		}
		// A shared socket may have been ready long before this watch began.
		else if (shared.state === 'connected') queueMicrotask(() => onPoke({ kind: 'connected' }));
		return () => {
			offReady();
			offState();
			offSync();
			if (!shared) {
				if (this.#events === events) this.#events = undefined;
				events.close();
			}
		};
	}
}
