import { relaySeriesOfCounter } from '$lib/numbering';
import {
	appDb,
	dismissSyncIssue,
	listSyncIssues,
	type BillfoldDb,
	type CounterRow,
	type SyncIssueRow
} from '$lib/storage';
import {
	completeJoin,
	createPairingLink,
	HttpSyncTransport,
	joinWithInvite,
	loadSyncRuntime,
	pairingQrSvg,
	parsePairingFragment,
	pendingJoin,
	readSyncSetup,
	relaySequencer,
	setSyncPaused,
	turnSyncOn,
	type KeyUnlock,
	type PairingInvite,
	type SyncRuntime,
	type SyncStatus
} from '$lib/sync';
import type { RelayCredentials } from '$lib/relay';
import { relayConnection } from './relay.svelte.js';
import { shellServices } from './shell-services.svelte';
import { busyTask } from './busy-task.js';
import { numbering } from './numbering';
import { deviceName } from './device-name';

export type { PairingInvite } from '$lib/sync';

/** What the shell shows: sync off, or the engine's state. */
export type SyncIndicator = 'off' | 'synced' | 'syncing' | 'offline' | 'error';

export type SyncPhase = 'loading' | 'off' | 'on' | 'paused' | 'awaiting-passphrase';

export interface PairingLinkView {
	link: string;
	qrSvg: string;
	expiresAt: string;
}

export interface TurnedOnView {
	recoveryKey: string;
	pairing: PairingLinkView;
}

/**
 * The sync lifecycle the UI reads and triggers: turning sync on, pairing and joining, pausing,
 * the engine's status and the issues it found. The device list is devices.svelte.ts; backups and
 * the accountant's export are backup.svelte.ts. The heavy parts (yjs, the engine, hash-wasm) load
 * with dynamic imports only once sync is on or being set up, so the shell's first load stays small.
 */
export class SyncStore {
	phase = $state<SyncPhase>('loading');
	status = $state<SyncStatus | undefined>();
	credentials = $state<RelayCredentials | undefined>();
	issues = $state<SyncIssueRow[]>([]);
	busy = $state(false);
	error = $state<string | undefined>();
	#runtime: SyncRuntime | undefined;
	#started: Promise<void> | undefined;
	#unsubscribe: (() => void) | undefined;
	#listening = false;

	constructor(private readonly db: () => BillfoldDb = appDb) {}

	get indicator(): SyncIndicator {
		if (this.phase !== 'on' || !this.status) return 'off';
		return this.status.state;
	}

	/** Starts sync if this device has it on; safe to call from every page. */
	start(): Promise<void> {
		this.#started ??= this.#start();
		return this.#started;
	}

	async #start(): Promise<void> {
		const stored = await readSyncSetup(this.db());
		if (!stored) {
			this.phase = (await pendingJoin(this.db())) ? 'awaiting-passphrase' : 'off';
			return;
		}
		this.credentials = stored.setup.credentials;
		if (stored.setup.paused) {
			this.phase = 'paused';
			return;
		}
		await this.#run(stored.key, stored.setup.credentials);
	}

	async #run(key: CryptoKey, credentials: RelayCredentials): Promise<void> {
		const { startSyncRuntime } = await loadSyncRuntime();
		const db = this.db();
		// One events socket per device: sync listens on the relay connection's when it is the same.
		await relayConnection.start();
		const transport = new HttpSyncTransport(credentials, {
			events: relayConnection.eventsFor(credentials)
		});
		// On a synced workspace the relay's sequencer numbers invoices, or queues them offline.
		numbering.useSequencer(relaySequencer(transport));
		this.#runtime = await startSyncRuntime({
			db,
			transport,
			workspaceId: credentials.workspaceId,
			key,
			onApplied: () => void this.loadIssues()
		});
		this.credentials = credentials;
		this.phase = 'on';
		this.#unsubscribe = this.#runtime.engine.subscribe((status) => {
			const wasSynced = this.status?.state === 'synced';
			this.status = status;
			if (status.state === 'synced' && !wasSynced) void this.#drainQueue();
		});
		if (!this.#listening && typeof window !== 'undefined') {
			this.#listening = true;
			addEventListener('online', () => void this.#runtime?.engine.syncNow());
		}
		await this.loadIssues();
		// Sync on: the inbox can make or adopt the workspace's receiving key now.
		void import('./purchases.svelte.js').then(({ purchases }) => purchases.pull());
	}

	#guard<T>(work: () => Promise<T>): Promise<T | undefined> {
		return busyTask(this, work);
	}

	async #pairing(unlock: KeyUnlock | undefined): Promise<PairingLinkView> {
		const credentials = this.credentials;
		if (!credentials) throw new Error('sync is not on');
		const { link, expiresAt } = await createPairingLink(
			this.db(),
			credentials,
			location.origin,
			unlock
		);
		return { link, expiresAt, qrSvg: await pairingQrSvg(link) };
	}

	/** Turns sync on for this first device; the recovery key is shown once. */
	turnOn(request: {
		relayUrl: string;
		passphrase: string;
		inviteToken?: string;
	}): Promise<TurnedOnView | undefined> {
		return this.#guard(async () => {
			// A device already joined to the relay (Settings → Relay) keeps its workspace and token.
			await relayConnection.start();
			const joined = relayConnection.credentials;
			const turned = await turnSyncOn(this.db(), {
				...request,
				relayUrl: joined?.relayUrl ?? request.relayUrl,
				inviteToken: request.inviteToken || undefined,
				deviceName: deviceName(),
				credentials: joined,
				relaySeriesOf: await this.#relaySeriesOf()
			});
			if (!joined) await relayConnection.adopt(turned.credentials);
			const stored = await readSyncSetup(this.db());
			if (!stored) throw new Error('sync set-up was not stored');
			await this.#run(stored.key, turned.credentials);
			const pairing = await this.#pairing({ rawKey: turned.rawKey });
			turned.rawKey.fill(0);
			return { recoveryKey: turned.recoveryKey, pairing };
		});
	}

	/** A pairing link for another device; the key rides along only after the user unlocks it. */
	pairingLink(unlock: KeyUnlock | undefined): Promise<PairingLinkView | undefined> {
		return this.#guard(() => this.#pairing(unlock));
	}

	/** The invite in the page's fragment, if the page was opened from a pairing link. */
	inviteFromLocation(): PairingInvite | undefined {
		if (typeof location === 'undefined') return undefined;
		try {
			return parsePairingFragment(location.hash);
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			return undefined;
		}
	}

	/** Maps a local counter to the relay series it continues, with the workspace's patterns. */
	async #relaySeriesOf(): Promise<(counter: CounterRow) => string> {
		const { invoiceSources } = await import('./invoice-sources.svelte.js');
		if (!invoiceSources.loaded) await invoiceSources.load();
		return relaySeriesOfCounter(invoiceSources.setup.numbering);
	}

	join(invite: PairingInvite, passphrase?: string): Promise<boolean | undefined> {
		return this.#guard(async () => {
			const credentials = await joinWithInvite(this.db(), invite, {
				deviceName: deviceName(),
				passphrase
			});
			// Sending and Peppol lookups use the same device token as sync.
			await relayConnection.adopt(credentials);
			await this.#startAgain();
			return true;
		});
	}

	completeJoin(passphrase: string): Promise<boolean | undefined> {
		return this.#guard(async () => {
			await relayConnection.adopt(await completeJoin(this.db(), passphrase));
			await this.#startAgain();
			return true;
		});
	}

	async #startAgain(): Promise<void> {
		this.#started = this.#start();
		await this.#started;
	}

	async syncNow(): Promise<void> {
		await this.#runtime?.engine.syncNow();
	}

	/** Pauses sync on this device (the shell shows "off"); resuming catches up. */
	async pause(paused: boolean): Promise<void> {
		await this.#guard(async () => {
			await setSyncPaused(this.db(), paused);
			await this.#stop();
			await this.#startAgain();
		});
	}

	async #stop(): Promise<void> {
		this.#unsubscribe?.();
		this.#unsubscribe = undefined;
		numbering.useSequencer(undefined);
		await this.#runtime?.stop();
		this.#runtime = undefined;
		this.status = undefined;
	}

	async loadIssues(): Promise<void> {
		this.issues = await listSyncIssues(this.db());
	}

	async dismissIssue(id: number): Promise<void> {
		await dismissSyncIssue(this.db(), id);
		await this.loadIssues();
	}

	/** The relay answers again: the invoices saved offline get their numbers, in order. */
	async #drainQueue(): Promise<void> {
		try {
			await numbering.numberQueue();
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		}
	}
}

export const syncState = new SyncStore();
shellServices.sync = syncState;
