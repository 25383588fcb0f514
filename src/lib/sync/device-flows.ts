import {
	deleteSyncMeta,
	NumberingService,
	readSyncMeta,
	writeSyncMeta,
	type BillfoldDb,
	type CounterMove,
	type CounterRow
} from '$lib/storage';
import { createRelayClient, type RelayCredentials } from '$lib/relay';
import { HttpSyncTransport, unwrap, type HttpTransportOptions } from './http-transport';
import { unwrapWorkspaceKey, wrapWorkspaceKey, type Argon2Params } from './key-wrap';
import { buildPairingLink, type PairingInvite } from './pairing-link';
import { decodeRecoveryKey, encodeRecoveryKey } from './recovery-key';
import { relaySequencer } from './relay-sequencer';
import { BOOTSTRAPPED_KEY, readWrappedKey, saveSyncSetup, saveWrappedKey } from './sync-setup';
import { createWorkspaceKey, importWorkspaceKey } from './workspace-key';

/**
 * The device-level steps of sync: turning it on, pairing another device, joining. They need the
 * relay's HTTP API (not the sync runtime), so they run before yjs is loaded.
 */
export interface FlowOptions extends HttpTransportOptions {
	now?: () => string;
	/** Tests pass cheap Argon2 parameters; the app keeps the default. */
	argon2?: Argon2Params;
}

export interface SyncTurnedOn {
	credentials: RelayCredentials;
	/** Shown once; the only other way back to the key is the passphrase. */
	recoveryKey: string;
	/** The raw key, to show the first pairing link right away; drop it afterwards. */
	rawKey: Uint8Array;
	counters: CounterMove[];
}

export class DeviceFlowError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeviceFlowError';
	}
}

/**
 * Turns sync on for the first device: registers the workspace on the relay (unless this device
 * already joined the relay), creates the workspace key, stores it non-extractable, leaves the
 * passphrase-wrapped copy on the relay for future devices, and moves the local invoice counters to
 * the relay's sequencer.
 */
export async function turnSyncOn(
	db: BillfoldDb,
	request: {
		relayUrl: string;
		deviceName: string;
		passphrase: string;
		inviteToken?: string;
		credentials?: RelayCredentials;
		/** The relay series a local counter continues in (yearly patterns: one per year). */
		relaySeriesOf?: (counter: CounterRow) => string;
	},
	options: FlowOptions = {}
): Promise<SyncTurnedOn> {
	const now = options.now ?? (() => new Date().toISOString());
	const credentials =
		request.credentials ??
		unwrap(
			await publicClient(request.relayUrl, options).registerWorkspace({
				inviteToken: request.inviteToken,
				deviceName: request.deviceName
			})
		);
	const { raw, key } = await createWorkspaceKey();
	const wrapped = await wrapWorkspaceKey(
		raw,
		request.passphrase,
		credentials.workspaceId,
		options.argon2
	);
	const transport = new HttpSyncTransport(credentials, options);
	await transport.putKeyWrap(wrapped);
	await saveWrappedKey(db, wrapped);
	const counters = await new NumberingService(() => db, now).moveCountersToRelay(
		relaySequencer(transport),
		request.relaySeriesOf
	);
	await saveSyncSetup(db, { credentials, enabledAt: now(), paused: false }, key);
	// A new workspace has nothing to pull first: this device's records become its first docs.
	await writeSyncMeta(db, BOOTSTRAPPED_KEY, true);
	return { credentials, recoveryKey: await encodeRecoveryKey(raw), rawKey: raw, counters };
}

/** The relay's routes that need no device token yet (register, join). */
function publicClient(relayUrl: string, options: FlowOptions) {
	return createRelayClient({
		baseUrl: relayUrl,
		fetch: options.fetch ?? ((input, init) => fetch(input, init))
	});
}

export type KeyUnlock = { passphrase: string } | { recoveryKey: string } | { rawKey: Uint8Array };

/** Recovers the raw key for a pairing link: the stored key itself cannot be exported. */
export async function unlockRawKey(
	db: BillfoldDb,
	credentials: RelayCredentials,
	unlock: KeyUnlock,
	options: FlowOptions = {}
): Promise<Uint8Array> {
	if ('rawKey' in unlock) return unlock.rawKey;
	if ('recoveryKey' in unlock) return decodeRecoveryKey(unlock.recoveryKey);
	const wrapped =
		(await readWrappedKey(db)) ?? (await new HttpSyncTransport(credentials, options).getKeyWrap());
	return unwrapWorkspaceKey(wrapped, unlock.passphrase, credentials.workspaceId);
}

/**
 * A single-use link (15 minutes) that joins a new device. With `includeKey` the key rides in the
 * fragment; without it, the new device asks for the passphrase.
 */
export async function createPairingLink(
	db: BillfoldDb,
	credentials: RelayCredentials,
	appOrigin: string,
	unlock: KeyUnlock | undefined,
	options: FlowOptions = {}
): Promise<{ link: string; expiresAt: string }> {
	const rawKey = unlock ? await unlockRawKey(db, credentials, unlock, options) : undefined;
	const transport = new HttpSyncTransport(credentials, options);
	const token = unwrap(await transport.client.createJoinToken());
	const invite: PairingInvite = {
		relayUrl: credentials.relayUrl,
		workspaceId: credentials.workspaceId,
		joinToken: token.joinToken,
		...(rawKey ? { rawKey } : {})
	};
	return { link: buildPairingLink(appOrigin, invite), expiresAt: token.expiresAt };
}

/**
 * Joins this device to a workspace from a pairing link. A device that has issued invoices of its
 * own cannot join: its numbers would collide with the workspace's series.
 */
export async function joinWithInvite(
	db: BillfoldDb,
	invite: PairingInvite,
	request: { deviceName: string; passphrase?: string },
	options: FlowOptions = {}
): Promise<RelayCredentials> {
	const now = options.now ?? (() => new Date().toISOString());
	if (await readSyncMeta(db, 'workspace')) {
		throw new DeviceFlowError('this device already syncs with a workspace');
	}
	if ((await db.counters.toArray()).some((counter) => counter.lastNumber > 0)) {
		throw new DeviceFlowError(
			'this device has issued invoices of its own; export a backup and join from a fresh device'
		);
	}
	if (!invite.rawKey && !request.passphrase) {
		throw new DeviceFlowError('the link carries no key: enter the passphrase');
	}
	const credentials = unwrap(
		await publicClient(invite.relayUrl, options).join({
			joinToken: invite.joinToken,
			deviceName: request.deviceName
		})
	);
	if (credentials.workspaceId !== invite.workspaceId) {
		throw new DeviceFlowError('the relay joined another workspace than the link names');
	}
	if (invite.rawKey) {
		await saveSyncSetup(
			db,
			{ credentials, enabledAt: now(), paused: false },
			await importWorkspaceKey(invite.rawKey)
		);
		return credentials;
	}
	// The join token is spent now; keep the credentials so a mistyped passphrase can be retried.
	await writeSyncMeta(db, PENDING_JOIN, credentials);
	return completeJoin(db, request.passphrase ?? '', options);
}

const PENDING_JOIN = 'pendingJoin';

/** Whether this device joined the relay but still needs the passphrase to unlock the key. */
export async function pendingJoin(db: BillfoldDb): Promise<RelayCredentials | undefined> {
	return readSyncMeta<RelayCredentials>(db, PENDING_JOIN);
}

/** Unlocks the key of a joined workspace with the passphrase; a wrong one can be retried. */
export async function completeJoin(
	db: BillfoldDb,
	passphrase: string,
	options: FlowOptions = {}
): Promise<RelayCredentials> {
	const now = options.now ?? (() => new Date().toISOString());
	const credentials = await pendingJoin(db);
	if (!credentials) throw new DeviceFlowError('no join is waiting for a passphrase');
	const wrapped = await new HttpSyncTransport(credentials, options).getKeyWrap();
	const raw = await unwrapWorkspaceKey(wrapped, passphrase, credentials.workspaceId);
	await saveWrappedKey(db, wrapped);
	await saveSyncSetup(
		db,
		{ credentials, enabledAt: now(), paused: false },
		await importWorkspaceKey(raw)
	);
	await deleteSyncMeta(db, PENDING_JOIN);
	return credentials;
}
