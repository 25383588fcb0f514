import { z } from 'zod';
import { fromBase64Url, ownBytes, toBase64Url, utf8 } from '$lib/bytes';
import type { InboxClient } from '$lib/relay';
import {
	deleteSyncMeta,
	readSyncMeta,
	RecordStore,
	writeSyncMeta,
	type BillfoldDb
} from '$lib/storage';
import type { ReceivingKeyRow } from '$lib/storage/purchase-records';
import { generateReceivingKeyPair } from './sealed-document';

/**
 * The workspace's receiving key pair (ECDH P-256, the sealed envelope's curve). One device makes
 * it; its private half, wrapped by the workspace data key, travels to the others as a synced
 * record, and the relay gets only the public half. A device that made a pair while another did
 * the same keeps it only if the relay took it (keepExisting): the loser adopts the winner's key
 * when its record arrives by sync, so the workspace never has two pairs.
 */
export const RECEIVING_KEY_ID = 'inbox-receiving-key';
/** A pair made but not yet accepted by the relay: it survives a crash between the two steps. */
const PENDING = 'inbox-pending-key';
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const WRAP_INFO = 'billfold-inbox-key/1';

export const receivingKeyRecordSchema = z.strictObject({
	/** Raw uncompressed P-256 point, base64url: as the relay stores it. */
	publicKey: z.string().min(80, 'is too short for a P-256 public key'),
	/** 12-byte IV ‖ AES-256-GCM(PKCS#8 private key) under the workspace data key, base64url. */
	wrappedPrivateKey: z.string().min(40, 'is too short for a wrapped key'),
	createdAt: z.string()
});
export type ReceivingKeyRecord = z.infer<typeof receivingKeyRecordSchema>;

export interface ReceivingKeys {
	privateKey: CryptoKey;
	publicKeyRaw: Uint8Array;
}

export type ReceivingKeyState =
	| { state: 'ready'; keys: ReceivingKeys }
	/** The relay holds another device's key whose record has not synced to this device yet. */
	| { state: 'waiting' };

export function receivingKeyStore(
	db: BillfoldDb
): RecordStore<ReceivingKeyRecord, ReceivingKeyRow> {
	return new RecordStore(db.receivingKeys, receivingKeyRecordSchema, (_record, meta) => meta);
}

/** The AAD binds the wrapped key to its workspace and public key: it cannot be swapped in. */
function wrapContext(workspaceId: string, publicKey: string): Uint8Array<ArrayBuffer> {
	return utf8(JSON.stringify([WRAP_INFO, workspaceId, publicKey]));
}

async function wrap(
	pair: CryptoKeyPair,
	workspaceKey: CryptoKey,
	workspaceId: string,
	now: string
): Promise<ReceivingKeyRecord> {
	const publicKey = toBase64Url(
		new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
	);
	const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: wrapContext(workspaceId, publicKey) },
		workspaceKey,
		pkcs8
	);
	pkcs8.fill(0);
	const wrapped = new Uint8Array(12 + sealed.byteLength);
	wrapped.set(iv);
	wrapped.set(new Uint8Array(sealed), 12);
	return { publicKey, wrappedPrivateKey: toBase64Url(wrapped), createdAt: now };
}

/** The private key as a non-extractable CryptoKey: script cannot read it out afterwards. */
export async function unwrapReceivingKey(
	record: ReceivingKeyRecord,
	workspaceKey: CryptoKey,
	workspaceId: string
): Promise<ReceivingKeys> {
	const wrapped = fromBase64Url(record.wrappedPrivateKey);
	const pkcs8 = await crypto.subtle.decrypt(
		{
			name: 'AES-GCM',
			iv: ownBytes(wrapped.subarray(0, 12)),
			additionalData: wrapContext(workspaceId, record.publicKey)
		},
		workspaceKey,
		ownBytes(wrapped.subarray(12))
	);
	const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, P256, false, ['deriveBits']);
	return { privateKey, publicKeyRaw: fromBase64Url(record.publicKey) };
}

export interface ReceivingKeyOptions {
	db: BillfoldDb;
	client: InboxClient;
	workspaceId: string;
	workspaceKey: CryptoKey;
	now: () => string;
}

/** Failure of a relay call, as the caller shows it. */
export class ReceivingKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReceivingKeyError';
	}
}

/**
 * Makes sure the relay holds the workspace's receiving key and this device its private half.
 * Safe to call on every start: it makes a pair only when neither the relay nor the synced
 * records have one.
 */
export async function ensureReceivingKey(options: ReceivingKeyOptions): Promise<ReceivingKeyState> {
	const { db, client, workspaceId, workspaceKey } = options;
	const store = receivingKeyStore(db);
	const synced = await store.get(RECEIVING_KEY_ID);
	const atRelay = await client.receivingKey();
	if (!atRelay.ok) throw new ReceivingKeyError(atRelay.error.message);
	const relayKey = atRelay.value.publicKey;

	const adopt = async (record: ReceivingKeyRecord): Promise<ReceivingKeyState> => ({
		state: 'ready',
		keys: await unwrapReceivingKey(record, workspaceKey, workspaceId)
	});

	if (relayKey !== null) {
		if (synced?.publicKey === relayKey) return adopt(synced);
		const pending = await readPending(db);
		if (pending?.publicKey === relayKey) return keepPending(options, pending);
		return { state: 'waiting' };
	}
	// The relay has none (a new workspace, or one that connected Peppol after sync): offer ours.
	const offered =
		synced ??
		(await readPending(db)) ??
		(await savePending(
			db,
			await wrap(await generateReceivingKeyPair(), workspaceKey, workspaceId, options.now())
		));
	const answer = await client.putReceivingKey(offered.publicKey, true);
	if (!answer.ok) throw new ReceivingKeyError(answer.error.message);
	if (answer.value.publicKey !== offered.publicKey) {
		// Another device was first: its key arrives by sync; ours is never used.
		if (synced === undefined) await deleteSyncMeta(db, PENDING);
		return { state: 'waiting' };
	}
	return synced === undefined ? keepPending(options, offered) : adopt(offered);
}

async function keepPending(
	options: ReceivingKeyOptions,
	pending: ReceivingKeyRecord
): Promise<ReceivingKeyState> {
	const keys = await unwrapReceivingKey(pending, options.workspaceKey, options.workspaceId);
	await receivingKeyStore(options.db).put(RECEIVING_KEY_ID, pending, options.now());
	await deleteSyncMeta(options.db, PENDING);
	return { state: 'ready', keys };
}

async function readPending(db: BillfoldDb): Promise<ReceivingKeyRecord | undefined> {
	const parsed = receivingKeyRecordSchema.safeParse(await readSyncMeta(db, PENDING));
	return parsed.success ? parsed.data : undefined;
}

async function savePending(
	db: BillfoldDb,
	record: ReceivingKeyRecord
): Promise<ReceivingKeyRecord> {
	await writeSyncMeta(db, PENDING, record);
	return record;
}
