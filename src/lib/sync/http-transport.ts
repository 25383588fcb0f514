import { z } from 'zod';
import { fromBase64, toBase64 } from '$lib/bytes';
import { RelayClient, type Fetch, type RelayCredentials } from './relay-client';
import {
	TransportError,
	type IssuedNumber,
	type IssueNumberRequest,
	type PullPage,
	type PushAck,
	type PushRow,
	type SeriesSeed,
	type SnapshotUpload,
	type SyncTransport
} from './transport';
import {
	compactResponseSchema,
	keyWrapSchema,
	pullResponseSchema,
	pushResponseSchema,
	syncPokeSchema
} from './wire';
import { wrappedKeySchema, type WrappedKey } from './key-wrap';

/** The part of the WebSocket API the transport uses, so Node tests can pass the `ws` package. */
export interface SocketLike {
	onopen: ((event: unknown) => void) | null;
	onmessage: ((event: { data: unknown }) => void) | null;
	onclose: ((event: { code: number }) => void) | null;
	onerror: ((event: unknown) => void) | null;
	send(data: string): void;
	close(code?: number): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface HttpTransportOptions {
	fetch?: Fetch;
	socket?: SocketFactory;
	/** Reconnect delay of the events socket; doubles up to 30 s. */
	reconnectMs?: number;
}

const issueAnswer = z.object({ number: z.number().int().min(1), issueDate: z.string() });

/** The relay's sync log, sequencer and events socket over HTTP and WebSocket. */
export class HttpSyncTransport implements SyncTransport {
	readonly client: RelayClient;
	readonly #socket: SocketFactory | undefined;
	readonly #reconnectMs: number;

	constructor(credentials: RelayCredentials, options: HttpTransportOptions = {}) {
		this.client = new RelayClient(credentials, options.fetch);
		this.#socket =
			options.socket ??
			(typeof WebSocket === 'function'
				? (url) => new WebSocket(url) as unknown as SocketLike
				: undefined);
		this.#reconnectMs = options.reconnectMs ?? 1000;
	}

	async push(rows: readonly PushRow[]): Promise<PushAck[]> {
		const answer = await this.client.post(
			'/sync/push',
			{
				rows: rows.map((row) => ({
					clientId: row.clientId,
					docId: row.docId,
					envelope: toBase64(row.envelope)
				}))
			},
			pushResponseSchema
		);
		return answer.acks;
	}

	async pull(after: number, limit: number): Promise<PullPage> {
		const answer = await this.client.call(
			`/sync/pull?after=${after}&limit=${limit}`,
			{ method: 'GET' },
			pullResponseSchema
		);
		return {
			head: answer.head,
			rows: answer.rows.map((row) => ({ ...row, envelope: fromBase64(row.envelope) }))
		};
	}

	compact(snapshot: SnapshotUpload): Promise<{ seq: number; removed: number }> {
		return this.client.post(
			'/sync/compact',
			{
				clientId: snapshot.clientId,
				docId: snapshot.docId,
				upToSeq: snapshot.upToSeq,
				envelope: toBase64(snapshot.envelope)
			},
			compactResponseSchema
		);
	}

	async issueNumber(request: IssueNumberRequest): Promise<IssuedNumber> {
		const answer = await this.client.post(
			`/series/${encodeURIComponent(request.seriesId)}/issue`,
			{ invoiceId: request.invoiceId, issueDate: request.issueDate },
			issueAnswer
		);
		return { sequence: answer.number, issueDate: answer.issueDate };
	}

	async seedSeries(seed: SeriesSeed): Promise<'seeded' | 'in-use'> {
		try {
			await this.client.post(
				`/series/${encodeURIComponent(seed.seriesId)}`,
				{ lastNumber: seed.lastNumber, lastIssueDate: seed.lastIssueDate },
				z.unknown(),
				'PUT'
			);
			return 'seeded';
		} catch (error) {
			if (error instanceof TransportError && error.status === 409) {
				return 'in-use';
			}
			throw error;
		}
	}

	async putKeyWrap(wrapped: WrappedKey): Promise<void> {
		await this.client.post('/sync/key-wrap', { wrapped }, z.unknown(), 'PUT');
	}

	async getKeyWrap(): Promise<WrappedKey> {
		const answer = await this.client.call('/sync/key-wrap', { method: 'GET' }, keyWrapSchema);
		return wrappedKeySchema.parse(answer.wrapped);
	}

	/**
	 * Listens on the workspace's events socket and pokes on every sync message, and once after
	 * each (re)connect so rows appended while disconnected are pulled. Reconnects with backoff
	 * unless the relay refused the token.
	 */
	watch(onPoke: (head: number) => void): () => void {
		const open = this.#socket;
		if (!open) return () => undefined;
		const { relayUrl, workspaceId, deviceToken } = this.client.credentials;
		const url = new URL(`/api/v1/workspaces/${workspaceId}/events`, relayUrl);
		url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
		let stopped = false;
		let socket: SocketLike | undefined;
		let delay = this.#reconnectMs;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const connect = () => {
			if (stopped) return;
			const current = open(url.href);
			socket = current;
			current.onopen = () => current.send(JSON.stringify({ type: 'auth', token: deviceToken }));
			current.onmessage = (event) => {
				const message = parseMessage(event.data);
				if (message?.type === 'ready') {
					delay = this.#reconnectMs;
					onPoke(-1);
				}
				const poke = syncPokeSchema.safeParse(message);
				if (poke.success) onPoke(poke.data.head);
			};
			current.onerror = () => undefined;
			current.onclose = (event) => {
				if (stopped || event.code === 4401 || event.code === 4403) return;
				timer = setTimeout(connect, delay);
				delay = Math.min(delay * 2, 30_000);
			};
		};
		connect();
		return () => {
			stopped = true;
			clearTimeout(timer);
			socket?.close(1000);
		};
	}
}

function parseMessage(data: unknown): { type?: unknown } | undefined {
	try {
		const text = typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer);
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? (value as { type?: unknown }) : undefined;
	} catch {
		return undefined;
	}
}
