import {
	deleteSyncMeta,
	readSyncMeta,
	setSyncOnHint,
	writeSyncMeta,
	type BillfoldDb
} from '$lib/storage';
import { relayCredentialsSchema, type RelayCredentials } from '$lib/relay';

/**
 * What this device keeps to sync: the relay credentials (its own device token) and the workspace
 * key as a non-extractable CryptoKey, both in IndexedDB (syncMeta).
 */
export interface SyncSetup {
	credentials: RelayCredentials;
	enabledAt: string;
	/** Sync paused on this device; data and keys stay. */
	paused: boolean;
}

const WORKSPACE = 'workspace';
/** Set once this device holds the workspace's state: it may turn its own records into docs. */
export const BOOTSTRAPPED_KEY = 'bootstrapped';
const KEY = 'key';
const WRAPPED = 'wrappedKey';

export async function readSyncSetup(
	db: BillfoldDb
): Promise<{ setup: SyncSetup; key: CryptoKey } | undefined> {
	const setup = await readSyncMeta<SyncSetup>(db, WORKSPACE);
	const key = await readSyncMeta<CryptoKey>(db, KEY);
	if (!setup || !key) return undefined;
	relayCredentialsSchema.parse(setup.credentials);
	return { setup, key };
}

export async function saveSyncSetup(
	db: BillfoldDb,
	setup: SyncSetup,
	key: CryptoKey
): Promise<void> {
	await db.transaction('rw', db.syncMeta, async () => {
		await writeSyncMeta(db, WORKSPACE, setup);
		await writeSyncMeta(db, KEY, key);
	});
	setSyncOnHint(db, !setup.paused);
}

export async function setSyncPaused(db: BillfoldDb, paused: boolean): Promise<void> {
	const setup = await readSyncMeta<SyncSetup>(db, WORKSPACE);
	if (!setup) return;
	await writeSyncMeta(db, WORKSPACE, { ...setup, paused });
	setSyncOnHint(db, !paused);
}

/** The passphrase-wrapped key, kept locally so this device can make pairing links offline. */
export function readWrappedKey(db: BillfoldDb): Promise<unknown> {
	return readSyncMeta(db, WRAPPED);
}

export function saveWrappedKey(db: BillfoldDb, wrapped: unknown): Promise<void> {
	return writeSyncMeta(db, WRAPPED, wrapped);
}

/** Leaves the workspace on this device: keys and credentials go; records and docs stay. */
export async function forgetSyncSetup(db: BillfoldDb): Promise<void> {
	await db.transaction('rw', db.syncMeta, async () => {
		for (const key of [WORKSPACE, KEY, WRAPPED]) await deleteSyncMeta(db, key);
	});
	setSyncOnHint(db, false);
}
