import { contactSchema, type Contact } from '$lib/contacts';
import {
	NumberingService,
	openDb,
	RecordStore,
	type BillfoldDb,
	type ContactRow
} from '$lib/storage';
import {
	createPairingLink,
	HttpSyncTransport,
	joinWithInvite,
	loadSyncRuntime,
	parsePairingFragment,
	readSyncSetup,
	relaySequencer,
	TransportError,
	turnSyncOn,
	type KeyUnlock,
	type SyncPoke,
	type SyncRuntime,
	type SyncTransport
} from '$lib/sync';
import type { RelayCredentials } from '$lib/relay';
import { fromBase64 } from '$lib/bytes';
import { NodeWebSocket, RELAY_INVITE, type RelayProcess } from './sync-relay-process';

export const PASSPHRASE = 'correct horse battery staple';
/** Cheap Argon2 for tests; the app keeps 64 MiB × 3. */
export const fastArgon = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const flowOptions = { WebSocket: NodeWebSocket, argon2: fastArgon, reconnectMs: 100 };

/**
 * A switch in front of the real HTTP transport, so a test can take one device offline the way a
 * lost network does: every call fails as "offline" and pokes stop.
 */
export class SwitchableTransport implements SyncTransport {
	#online = true;
	readonly #links = new Set<(poke: SyncPoke) => void>();
	/** Pull JSON pages with base64 envelopes, as clients before sync frames did. */
	jsonPages = false;
	constructor(readonly inner: HttpSyncTransport) {}
	get online(): boolean {
		return this.#online;
	}
	/** Switching off drops the events socket too, as a lost network does; on, it is back. */
	set online(online: boolean) {
		if (online === this.#online) return;
		this.#online = online;
		for (const link of this.#links) link({ kind: online ? 'connected' : 'disconnected' });
	}
	#check(): void {
		if (!this.#online) throw new TransportError('offline', 'network switched off by the test');
	}
	async push(...args: Parameters<SyncTransport['push']>) {
		this.#check();
		return this.inner.push(...args);
	}
	async pull(...args: Parameters<SyncTransport['pull']>) {
		this.#check();
		if (!this.jsonPages) return this.inner.pull(...args);
		const answer = await this.inner.client.pullSync(...args);
		if (!answer.ok) throw new TransportError('server', answer.error.message);
		return {
			head: answer.value.head,
			rows: answer.value.rows.map((row) => ({ ...row, envelope: fromBase64(row.envelope) }))
		};
	}
	async compact(...args: Parameters<SyncTransport['compact']>) {
		this.#check();
		return this.inner.compact(...args);
	}
	watch(onPoke: (poke: SyncPoke) => void) {
		this.#links.add(onPoke);
		const unwatch = this.inner.watch((poke) => {
			if (this.#online) onPoke(poke);
		});
		return () => {
			this.#links.delete(onPoke);
			unwatch();
		};
	}
	async issueNumber(...args: Parameters<SyncTransport['issueNumber']>) {
		this.#check();
		return this.inner.issueNumber(...args);
	}
	async seedSeries(...args: Parameters<SyncTransport['seedSeries']>) {
		this.#check();
		return this.inner.seedSeries(...args);
	}
}

export interface RelayDevice {
	name: string;
	db: BillfoldDb;
	credentials: RelayCredentials;
	transport: SwitchableTransport;
	runtime: SyncRuntime;
	/** The device's numbering pipeline, with the relay's sequencer plugged in as the app does. */
	numbering: NumberingService;
	contacts: RecordStore<Contact, ContactRow>;
	close(): Promise<void>;
}

let counter = 0;

export function contactStore(db: BillfoldDb): RecordStore<Contact, ContactRow> {
	return new RecordStore<Contact, ContactRow>(db.contacts, contactSchema, (contact, meta) => ({
		...meta,
		name: contact.name,
		archived: contact.archived ? 1 : 0,
		data: contact
	}));
}

interface DeviceOptions {
	compactAfterRows?: number;
	pullPage?: number;
	/** Pulls JSON pages (the route older clients use) instead of sync frames. */
	jsonPages?: boolean;
	/** Hears of each applied page (or poke), with the device's database. */
	onApplied?: (docIds: readonly string[], db: BillfoldDb) => void;
}

/** Starts sync on a database that has been set up (e.g. reopened after an interruption). */
export async function runDevice(
	name: string,
	db: BillfoldDb,
	{ jsonPages, onApplied, ...options }: DeviceOptions = {}
): Promise<RelayDevice> {
	const stored = await readSyncSetup(db);
	if (!stored) throw new Error(`${name}: sync was not set up`);
	const transport = new SwitchableTransport(
		new HttpSyncTransport(stored.setup.credentials, { WebSocket: NodeWebSocket, reconnectMs: 100 })
	);
	transport.jsonPages = jsonPages ?? false;
	const { startSyncRuntime } = await loadSyncRuntime();
	const runtime = await startSyncRuntime({
		db,
		transport,
		workspaceId: stored.setup.credentials.workspaceId,
		key: stored.key,
		retryMs: 100,
		maxRetryMs: 500,
		onApplied: (docIds) => onApplied?.(docIds, db),
		...options
	});
	const numbering = new NumberingService(() => db);
	numbering.useSequencer(relaySequencer(transport));
	return {
		name,
		db,
		credentials: stored.setup.credentials,
		transport,
		runtime,
		numbering,
		contacts: contactStore(db),
		async close() {
			await runtime.stop();
			db.close();
			await db.delete();
		}
	};
}

export async function firstDevice(
	relay: RelayProcess,
	options: {
		compactAfterRows?: number;
		pullPage?: number;
		/** Fills the device before sync is turned on. */
		before?: (db: BillfoldDb) => Promise<void>;
	} = {}
): Promise<RelayDevice & { rawKey: Uint8Array; recoveryKey: string }> {
	const db = openDb(`sync-int-first-${counter++}`);
	await options.before?.(db);
	const turned = await turnSyncOn(
		db,
		{
			relayUrl: relay.url,
			deviceName: 'laptop',
			passphrase: PASSPHRASE,
			inviteToken: RELAY_INVITE
		},
		flowOptions
	);
	return {
		...(await runDevice('laptop', db, options)),
		rawKey: turned.rawKey,
		recoveryKey: turned.recoveryKey
	};
}

/** Pairs a new device the way the app does: a link from an existing device, opened on the new one. */
export async function pairedDevice(
	from: RelayDevice,
	name: string,
	unlock: KeyUnlock | undefined,
	{ passphrase, ...options }: DeviceOptions & { passphrase?: string } = {}
): Promise<RelayDevice> {
	const { link } = await createPairingLink(
		from.db,
		from.credentials,
		'https://app.example',
		unlock,
		flowOptions
	);
	const invite = parsePairingFragment(new URL(link).hash);
	if (!invite) throw new Error('not a pairing link');
	const db = openDb(`sync-int-${name}-${counter++}`);
	await joinWithInvite(db, invite, { deviceName: name, passphrase }, flowOptions);
	return runDevice(name, db, options);
}

/** Syncs every online device until each has pushed everything and pulled up to the relay's head. */
export async function settle(devices: readonly RelayDevice[]): Promise<void> {
	for (let round = 0; round < 30; round++) {
		const online = devices.filter((device) => device.transport.online);
		await Promise.all(online.map((device) => device.runtime.engine.syncNow()));
		const head = online[0] ? (await online[0].transport.inner.pull(0, 1)).head : 0;
		if (
			online.every(
				(d) => d.runtime.engine.status.pending === 0 && d.runtime.engine.status.cursor === head
			)
		) {
			return;
		}
	}
	const states = devices.map((d) => ({ device: d.name, ...d.runtime.engine.status }));
	throw new Error(`devices did not settle: ${JSON.stringify(states)}`);
}
