import type { JobStatus, MailPreviewList } from '$protocol';
import {
	createRelayClient,
	describeRelayError,
	RelayEvents,
	type RelayClient,
	type RelayCredentials,
	type RelayResult
} from '$lib/relay';
import { appDb } from '$lib/storage/db';
import { readPreference, writePreference } from '$lib/storage/preferences';
import { RELAY_CONNECTION_PREFERENCE } from './services-in-use';
import { shellServices } from './shell-services.svelte';

export { describeRelayError };

export type RelayStatus = 'not-joined' | 'connecting' | 'connected' | 'offline' | 'revoked';

/** The stored shape (kept as it was written before credentials carried the relay's URL). */
interface StoredConnection {
	baseUrl: string;
	credentials: Omit<RelayCredentials, 'relayUrl'>;
	joinedAt: string;
}

const preferenceKey = RELAY_CONNECTION_PREFERENCE;
// The shell's indicator should not lag long behind a relay that came back.
const maxRetryDelayMs = 5_000;

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

function clientFor(baseUrl: string, credentials?: RelayCredentials): RelayClient {
	// Called unbound: browsers reject window.fetch invoked with another object as `this`.
	return createRelayClient({ baseUrl, fetch: (...args) => fetch(...args), WebSocket, credentials });
}

/**
 * This device's one link to its relay: the stored device token, the one events socket (with the
 * connection status the shell shows), and the authenticated client that sending, Peppol lookups,
 * the device list and sync use. The relay defaults to the origin that served the app.
 */
class RelayConnection {
	status = $state<RelayStatus>('not-joined');
	baseUrl = $state('');
	workspaceId = $state<string | undefined>(undefined);
	#stored = $state<StoredConnection | undefined>(undefined);
	#events: RelayEvents | undefined;
	#jobListeners = new Set<(job: JobStatus) => void>();
	#inboxListeners = new Set<() => void>();
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
		addEventListener('online', () => this.#events?.connect());
	}

	get joined(): boolean {
		return this.#stored !== undefined;
	}

	get credentials(): RelayCredentials | undefined {
		return this.#stored && { ...this.#stored.credentials, relayUrl: this.#stored.baseUrl };
	}

	/**
	 * The events socket of these credentials, to share with sync; undefined when this device's
	 * link belongs to other credentials (sync then opens its own).
	 */
	eventsFor(credentials: RelayCredentials): RelayEvents | undefined {
		const own = this.credentials;
		if (!own || own.deviceToken !== credentials.deviceToken) return undefined;
		return this.#events;
	}

	/** An unauthenticated client for `baseUrl`, e.g. to check it before joining. */
	publicClient(baseUrl = this.baseUrl): RelayClient {
		return clientFor(baseUrl);
	}

	/** The authenticated client, or undefined while this device has not joined a relay. */
	async client(): Promise<RelayClient | undefined> {
		await this.start();
		const credentials = this.credentials;
		return credentials && clientFor(credentials.relayUrl, credentials);
	}

	/** Registers this device's workspace with the operator's invite token. */
	async join(
		baseUrl: string,
		inviteToken: string,
		deviceName: string
	): Promise<RelayResult<RelayCredentials>> {
		const result = await this.publicClient(baseUrl).registerWorkspace({ inviteToken, deviceName });
		if (result.ok) await this.adopt(result.value);
		return result;
	}

	/** Joins an existing workspace with a single-use join token from another device. */
	async joinWithToken(
		baseUrl: string,
		joinToken: string,
		deviceName: string
	): Promise<RelayResult<RelayCredentials>> {
		const result = await this.publicClient(baseUrl).join({ joinToken, deviceName });
		if (result.ok) await this.adopt(result.value);
		return result;
	}

	/** Adopts credentials obtained elsewhere (the sync pairing flow registers or joins itself). */
	async adopt({ relayUrl, ...credentials }: RelayCredentials): Promise<void> {
		const stored: StoredConnection = {
			baseUrl: relayUrl,
			credentials,
			joinedAt: new Date().toISOString()
		};
		await writePreference(appDb(), preferenceKey, JSON.stringify(stored));
		this.#stored = stored;
		this.baseUrl = relayUrl;
		this.workspaceId = credentials.workspaceId;
		this.#disconnect();
		this.#connect();
	}

	async forget(): Promise<void> {
		this.#disconnect();
		this.#stored = undefined;
		this.workspaceId = undefined;
		this.status = 'not-joined';
		await writePreference(appDb(), preferenceKey, '');
	}

	/** Job changes pushed on the events socket; listening survives reconnects and re-joins. */
	onJob(listener: (job: JobStatus) => void): () => void {
		this.#jobListeners.add(listener);
		return () => this.#jobListeners.delete(listener);
	}

	/**
	 * Inbox pokes, and every (re)connect, since a poke missed while offline is caught up then;
	 * listening survives reconnects and re-joins.
	 */
	onInbox(listener: () => void): () => void {
		this.#inboxListeners.add(listener);
		return () => this.#inboxListeners.delete(listener);
	}

	async mailPreviews(): Promise<RelayResult<MailPreviewList> | undefined> {
		const client = await this.client();
		return client?.listMailPreviews();
	}

	#connect(): void {
		const credentials = this.credentials;
		if (!credentials) return;
		const events = new RelayEvents(clientFor(credentials.relayUrl, credentials), {
			maxReconnectMs: maxRetryDelayMs
		});
		this.#events = events;
		events.on('state', (state) => {
			if (state !== 'closed') this.status = state;
		});
		events.on('job', (job) => {
			for (const listener of this.#jobListeners) listener(job);
		});
		const inbox = () => {
			for (const listener of this.#inboxListeners) listener();
		};
		events.on('inbox', inbox);
		events.on('ready', inbox);
		if (navigator.onLine) events.connect();
		else events.offline();
	}

	#disconnect(): void {
		this.#events?.close();
		this.#events = undefined;
	}
}

export const relayConnection = new RelayConnection();
shellServices.relay = relayConnection;

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
