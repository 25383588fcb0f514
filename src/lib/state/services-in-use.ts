import { appDb, type BillfoldDb } from '$lib/storage/db';
import { readPreference } from '$lib/storage/preferences';

/** Where the relay connection is stored (relay.svelte reads and writes it). */
export const RELAY_CONNECTION_PREFERENCE = 'relay-connection';

/**
 * Which background features this device uses, read from a few rows without loading their code:
 * the shell loads the relay client, sync, sending and the recurring runner (with the wire and
 * document schemas they bring) only on a device that has something for them to do.
 */
export interface ServicesInUse {
	/** Joined a relay: its status shows in the top bar, and sends and the inbox go through it. */
	relay: boolean;
	/** Sync set up, paused or waiting for a passphrase (any row in syncMeta). */
	sync: boolean;
	/** Sends waiting in the outbox. */
	outbox: boolean;
	/** Recurring invoice templates to make invoices from. */
	recurring: boolean;
}

export async function servicesInUse(db: BillfoldDb = appDb()): Promise<ServicesInUse> {
	const [relay, sync, outbox, recurring] = await Promise.all([
		readPreference(db, RELAY_CONNECTION_PREFERENCE),
		db.syncMeta.count(),
		db.outbox.count(),
		db.recurring.count()
	]);
	// Leaving a relay stores an empty connection.
	return { relay: Boolean(relay), sync: sync > 0, outbox: outbox > 0, recurring: recurring > 0 };
}
