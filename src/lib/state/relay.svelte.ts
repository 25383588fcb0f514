import type { DeviceCredentials, JobStatus, MailPreviewList } from '$protocol';
// Direct path: the send barrel pulls in the PDF and UBL renderers, which the shell must not load.
import {
	createRelayClient,
	type RelayClient,
	type RelayError,
	type RelayResult
} from '$lib/send/relay-client';
import { appDb } from '$lib/storage/db';
import { readPreference, writePreference } from '$lib/storage/preferences';

export type RelayStatus = 'not-joined' | 'connecting' | 'connected' | 'offline' | 'revoked';

interface StoredConnection {
	baseUrl: string;
	credentials: DeviceCredentials;
	joinedAt: string;
}

const preferenceKey = 'relay-connection';
const retryDelayMs = 5_000;

function parseStored(text: string | undefined): StoredConnection | undefined {
	if (!text) return undefined;
	try {
		const value = JSON.parse(text) as Partial<StoredConnection>;
		if (typeof value.baseUrl !== 'string' || !value.credentials?.deviceToken) return undefined;
		return value as StoredConnection;
	} catch {
		return undefined;
	}
}

export function describeRelayError(error: RelayError): string {
	switch (error.kind) {
		case 'invalid':
			return error.fields.map((field) => `${field.path}: ${field.message}`).join('; ');
		case 'http':
			return `${error.message}${error.fields.length ? ` (${error.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})` : ''}`;
		default:
			return error.message;
	}
}

/**
 * This device's link to its relay: the stored device token, a live event socket with the
 * connection status the shell shows, and the authenticated client that sending, Peppol lookups
 * and sync use. The relay defaults to the origin that served the app.
 */
class RelayConnection {
	status = $state<RelayStatus>('not-joined');
	baseUrl = $state('');
	workspaceId = $state<string | undefined>(undefined);
	#stored = $state<StoredConnection | undefined>(undefined);
	#socket: { close(): void } | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#jobListeners = new Set<(job: JobStatus) => void>();
	#started: Promise<void> | undefined;

	start(): Promise<void> {
		this.#started ??= this.#load();
		return this.#started;
	}

	async #load(): Promise<void> {
		this.baseUrl = location.origin;
		this.#stored = parseStored(await readPreference(appDb(), preferenceKey));
		if (this.#stored) {
			this.baseUrl = this.#stored.baseUrl;
			this.workspaceId = this.#stored.credentials.workspaceId;
			this.#connect();
		}
		addEventListener('online', () => this.#reconnectSoon(0));
	}

	get joined(): boolean {
		return this.#stored !== undefined;
	}

	get credentials(): (DeviceCredentials & { relayUrl: string }) | undefined {
		return this.#stored && { ...this.#stored.credentials, relayUrl: this.#stored.baseUrl };
	}

	/** An unauthenticated client for `baseUrl`, e.g. to check it before joining. */
	publicClient(baseUrl = this.baseUrl): RelayClient {
		return createRelayClient({ baseUrl, fetch: (...args) => fetch(...args), WebSocket });
	}

	/** The authenticated client, or undefined while this device has not joined a relay. */
	async client(): Promise<RelayClient | undefined> {
		await this.start();
		const stored = this.#stored;
		if (!stored) return undefined;
		return createRelayClient({
			baseUrl: stored.baseUrl,
			fetch: (...args) => fetch(...args),
			WebSocket,
			credentials: stored.credentials
		});
	}

	/** Registers this device's workspace with the operator's invite token. */
	async join(
		baseUrl: string,
		inviteToken: string,
		deviceName: string
	): Promise<RelayResult<DeviceCredentials>> {
		const result = await this.publicClient(baseUrl).registerWorkspace({ inviteToken, deviceName });
		if (result.ok) await this.#save(baseUrl, result.value);
		return result;
	}

	/** Joins an existing workspace with a single-use join token from another device. */
	async joinWithToken(
		baseUrl: string,
		joinToken: string,
		deviceName: string
	): Promise<RelayResult<DeviceCredentials>> {
		const result = await this.publicClient(baseUrl).join({ joinToken, deviceName });
		if (result.ok) await this.#save(baseUrl, result.value);
		return result;
	}

	/** Adopts credentials obtained elsewhere (e.g. by the sync pairing flow). */
	async adopt(baseUrl: string, credentials: DeviceCredentials): Promise<void> {
		await this.#save(baseUrl, credentials);
	}

	async forget(): Promise<void> {
		this.#disconnect();
		this.#stored = undefined;
		this.workspaceId = undefined;
		this.status = 'not-joined';
		await writePreference(appDb(), preferenceKey, '');
	}

	onJob(listener: (job: JobStatus) => void): () => void {
		this.#jobListeners.add(listener);
		return () => this.#jobListeners.delete(listener);
	}

	async mailPreviews(): Promise<RelayResult<MailPreviewList> | undefined> {
		const client = await this.client();
		return client?.listMailPreviews();
	}

	async #save(baseUrl: string, credentials: DeviceCredentials): Promise<void> {
		const stored: StoredConnection = { baseUrl, credentials, joinedAt: new Date().toISOString() };
		await writePreference(appDb(), preferenceKey, JSON.stringify(stored));
		this.#stored = stored;
		this.baseUrl = baseUrl;
		this.workspaceId = credentials.workspaceId;
		this.#disconnect();
		this.#connect();
	}

	#connect(): void {
		const stored = this.#stored;
		if (!stored) return;
		if (!navigator.onLine) {
			this.status = 'offline';
			return;
		}
		this.status = 'connecting';
		const client = createRelayClient({
			baseUrl: stored.baseUrl,
			fetch: (...args) => fetch(...args),
			WebSocket,
			credentials: stored.credentials
		});
		this.#socket = client.subscribe({
			onReady: () => (this.status = 'connected'),
			onJob: (job) => {
				for (const listener of this.#jobListeners) listener(job);
			},
			onClose: (event) => {
				this.#socket = undefined;
				if (event.unauthorized || event.forbidden) {
					this.status = 'revoked';
					return;
				}
				this.status = 'offline';
				this.#reconnectSoon(retryDelayMs);
			}
		});
	}

	#reconnectSoon(delay: number): void {
		if (!this.#stored || this.#socket || this.status === 'revoked') return;
		clearTimeout(this.#retry);
		this.#retry = setTimeout(() => this.#connect(), delay);
	}

	#disconnect(): void {
		clearTimeout(this.#retry);
		this.#socket?.close();
		this.#socket = undefined;
	}
}

export const relayConnection = new RelayConnection();

/** Fetches a preview .eml with the device token and hands it to the browser as a download. */
export async function downloadMailPreview(
	previewId: string,
	fileName: string
): Promise<string | undefined> {
	const client = await relayConnection.client();
	if (!client) return 'not joined';
	const result = await client.downloadMailPreview(previewId);
	if (!result.ok) return describeRelayError(result.error);
	const url = URL.createObjectURL(result.value);
	const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
	return undefined;
}
