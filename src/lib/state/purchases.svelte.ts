import type { Finding } from '$lib/peppol-rules';
import {
	checkReceived,
	ensureReceivingKey,
	filterPurchases,
	pullInbox,
	purchaseTotals,
	purchaseStatusStore,
	readPurchaseList,
	watchInbox,
	watchReceivingKey,
	writePurchaseListCache,
	type PurchaseFilter,
	type PurchaseListRow,
	type PurchaseParseResult,
	type PurchaseStatus,
	type ReceivingKeys
} from '$lib/inbox';
import { createInboxClient, type RelayCredentials } from '$lib/relay';
import { appDb, type BillfoldDb } from '$lib/storage';
import { readSyncSetup } from '$lib/sync';
import { systemClock, type Clock } from './invoice-effects';
import { officialRules } from './official-rules.svelte';
import { relayConnection } from './relay.svelte';

export type { PurchaseFilter, PurchaseListRow } from '$lib/inbox';

/**
 * What the inbox can do on this device: receive (the receiving key is here), wait for the key
 * another device made to arrive by sync, or nothing until sync is on (the wrapped private key's
 * only backup is its synced copy, so a device without sync does not make one).
 */
export type InboxSetup = 'loading' | 'needs-sync' | 'waiting-for-key' | 'receiving';

/** The hostile-XML-safe parser, loaded with the inbox page only. */
async function parse(bytes: Uint8Array): Promise<PurchaseParseResult> {
	const { parsePurchaseDocument } = await import('$lib/inbox/purchase-parser');
	return parsePurchaseDocument(bytes);
}

async function check(xml: string): Promise<Finding[] | undefined> {
	try {
		const { result } = await officialRules.validate(xml);
		return [...result.fatal, ...result.warnings];
	} catch {
		return undefined;
	}
}

/**
 * The purchase invoices (the Peppol inbox) as the list reads them, and the pull that fills it:
 * on start, when the device comes online, and on every `inbox` poke of the events socket.
 */
export class PurchasesState {
	/** Every row, newest first; raw so 10,000 rows are not made reactive one by one. */
	all = $state.raw<PurchaseListRow[]>([]);
	loaded = $state(false);
	search = $state('');
	filter = $state<PurchaseFilter>('');
	setup = $state<InboxSetup>('loading');
	pulling = $state(false);
	/** The last pull's failure, in the relay's or the opener's words. */
	error = $state<string>();

	readonly rows = $derived(filterPurchases(this.all, this.search, this.filter));
	readonly totals = $derived(purchaseTotals(this.rows));

	#started: Promise<void> | undefined;
	#firstLoad: Promise<void> | undefined;
	#keys: { workspaceId: string; keys: ReceivingKeys } | undefined;
	#pulling: Promise<void> | undefined;
	#again = false;
	/** Documents stored but not checked before a restart are checked by the first pull. */
	#checkedOnce = false;
	#checking: Promise<void> = Promise.resolve();
	#unwatchKey: (() => void) | undefined;
	/** Loads overlap (a pull, a status, another tab): only the latest started one is shown. */
	#loads = 0;
	/** Cache writes one after another, so an older list never lands after a newer one. */
	#cacheWrite: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		private readonly clock: Clock = systemClock
	) {}

	/** Starts pulling (the shell calls it, so documents arrive whatever page is open). */
	start(): Promise<void> {
		this.#started ??= this.#start();
		return this.#started;
	}

	/** The list page: loads the rows once and keeps them current. */
	async open(): Promise<void> {
		void this.start();
		if (!this.loaded) await this.#loadOnce();
	}

	#loadOnce(): Promise<void> {
		this.#firstLoad ??= this.load();
		return this.#firstLoad;
	}

	async #start(): Promise<void> {
		watchInbox(this.db(), () => {
			if (this.loaded) void this.load();
		});
		relayConnection.onInbox(() => void this.pull());
		if (typeof window !== 'undefined') addEventListener('online', () => void this.pull());
		await relayConnection.start();
		void this.pull();
		// Reading 10,000 rows takes longer than the list's first-rows budget: read them while the
		// app is idle, so the list opens from memory (and watchInbox keeps them current).
		whenIdle(() => void this.#loadOnce());
	}

	/**
	 * Reads every row: from the packed cache while no document or status changed since it was
	 * written, else from the tables, and then packs them for the next start.
	 */
	async load(): Promise<void> {
		const db = this.db();
		const ticket = ++this.#loads;
		const list = await readPurchaseList(db);
		if (ticket !== this.#loads) return;
		this.all = list.rows;
		this.loaded = true;
		if (!list.cached) {
			// After the rows are on screen; a write that came meanwhile makes it skip (stale).
			this.#cacheWrite = this.#cacheWrite
				.then(() => writePurchaseListCache(db, list.rows, list.stamp))
				.catch(() => undefined);
		}
	}

	/** Pulls now; a pull asked for while one runs runs once more afterwards. */
	pull(): Promise<void> {
		if (this.#pulling) {
			this.#again = true;
			return this.#pulling;
		}
		this.#pulling = this.#pull().finally(() => {
			this.#pulling = undefined;
			if (this.#again) {
				this.#again = false;
				void this.pull();
			}
		});
		return this.#pulling;
	}

	async #pull(): Promise<void> {
		const db = this.db();
		const stored = await readSyncSetup(db);
		if (!stored || stored.setup.paused) {
			this.setup = 'needs-sync';
			return;
		}
		const credentials = stored.setup.credentials;
		this.pulling = true;
		try {
			const client = inboxClient(credentials);
			const keys = await this.#receivingKeys(credentials, stored.key, client);
			if (!keys) return;
			const report = await pullInbox({
				db,
				client,
				workspaceId: credentials.workspaceId,
				keys,
				parse
			});
			this.error = undefined;
			if (report.added.length > 0 && this.loaded) await this.load();
			this.#check(this.#checkedOnce ? report.added : undefined);
			this.#checkedOnce = true;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.pulling = false;
		}
	}

	/**
	 * The official rules after the documents show, one check at a time and apart from the pull,
	 * so the rules worker's first load never holds back a document or the next pull.
	 */
	#check(ids: readonly string[] | undefined): void {
		if (ids?.length === 0) return;
		this.#checking = this.#checking
			.then(() => checkReceived(this.db(), check, ids))
			.then(async (checked) => {
				if (checked > 0 && this.loaded) await this.load();
			})
			.catch(() => undefined);
	}

	async #receivingKeys(
		credentials: RelayCredentials,
		workspaceKey: CryptoKey,
		client: ReturnType<typeof inboxClient>
	): Promise<ReceivingKeys | undefined> {
		if (this.#keys?.workspaceId === credentials.workspaceId) return this.#keys.keys;
		const state = await ensureReceivingKey({
			db: this.db(),
			client,
			workspaceId: credentials.workspaceId,
			workspaceKey,
			now: () => this.clock.now()
		});
		if (state.state === 'waiting') {
			this.setup = 'waiting-for-key';
			this.#unwatchKey ??= watchReceivingKey(this.db(), () => {
				this.#unwatchKey?.();
				this.#unwatchKey = undefined;
				void this.pull();
			});
			return undefined;
		}
		this.#keys = { workspaceId: credentials.workspaceId, keys: state.keys };
		this.setup = 'receiving';
		return state.keys;
	}

	/** Today on this device, for the "paid on" default. */
	today(): string {
		return this.clock.today();
	}

	/** Sets the synced status; "paid" needs the day it was paid. */
	async setStatus(id: string, status: PurchaseStatus, paidOn?: string): Promise<void> {
		await purchaseStatusStore(this.db()).put(
			id,
			status === 'paid' ? { status, paidOn } : { status },
			this.clock.now()
		);
		await this.load();
	}
}

function whenIdle(callback: () => void): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 5_000 });
	else setTimeout(callback, 0);
}

function inboxClient(credentials: RelayCredentials) {
	// Called unbound: browsers reject window.fetch invoked with another object as `this`.
	return createInboxClient({
		baseUrl: credentials.relayUrl,
		fetch: (...args) => fetch(...args),
		credentials
	});
}

export const purchases = new PurchasesState();
