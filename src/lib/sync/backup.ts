import { deflateSync, inflateSync } from 'fflate';
import { z } from 'zod';
import type { BillfoldDb } from '$lib/storage';
import { concatBytes, fromBase64, fromUtf8, ownBytes, toBase64, utf8 } from '$lib/bytes';
import { randomBytes } from './random-bytes';
import {
	DEFAULT_ARGON2,
	deriveKek,
	MIN_PASSPHRASE_LENGTH,
	PassphraseError,
	type Argon2Params
} from './key-wrap';

/**
 * An encrypted backup of everything on this device: every table (records, projections, drafts,
 * counters, outbox) and the attachment blobs, but not the sync bookkeeping, which belongs to the
 * device and its workspace. File: "BILLFOLDBK" ‖ u32 header length ‖ header JSON ‖ AES-256-GCM of
 * the deflated JSON body, with the header as associated data. The key comes from a passphrase
 * chosen at export (Argon2id), so a backup restores on a fresh device without sync.
 */
const MAGIC = utf8('BILLFOLDBK');
const SYNC_TABLES = new Set([
	'docUpdates',
	'pendingUpdates',
	'syncMeta',
	'numberQueue',
	'syncIssues',
	'unprojected',
	'dirtyDocs'
]);

const headerSchema = z.strictObject({
	v: z.literal(1),
	app: z.literal('billfold'),
	createdAt: z.string(),
	dbVersion: z.number(),
	tables: z.array(z.string()),
	kdf: z.strictObject({
		name: z.literal('argon2id'),
		salt: z.string(),
		memoryKiB: z.number().int().min(8192),
		iterations: z.number().int().min(1),
		parallelism: z.number().int().min(1)
	}),
	iv: z.string()
});
type BackupHeader = z.infer<typeof headerSchema>;

const bodySchema = z.record(z.string(), z.array(z.unknown()));

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface BackupSummary {
	createdAt: string;
	tables: Record<string, number>;
}

/** JSON cannot hold bytes or blobs; they travel tagged and base64-encoded. */
async function encodeValue(value: unknown): Promise<unknown> {
	if (value instanceof Blob) {
		return { $blob: toBase64(new Uint8Array(await value.arrayBuffer())), type: value.type };
	}
	if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
	if (Array.isArray(value)) return Promise.all(value.map(encodeValue));
	if (value && typeof value === 'object') {
		const entries = await Promise.all(
			Object.entries(value).map(async ([key, entry]) => [key, await encodeValue(entry)] as const)
		);
		return Object.fromEntries(entries);
	}
	return value;
}

function decodeValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(decodeValue);
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.$blob === 'string') {
			return new Blob([fromBase64(record.$blob)], { type: String(record.type ?? '') });
		}
		if (typeof record.$bytes === 'string') return fromBase64(record.$bytes);
		return Object.fromEntries(
			Object.entries(record).map(([key, entry]) => [key, decodeValue(entry)])
		);
	}
	return value;
}

function backedUpTables(db: BillfoldDb): string[] {
	return db.tables.map((table) => table.name).filter((name) => !SYNC_TABLES.has(name));
}

export async function exportBackup(
	db: BillfoldDb,
	passphrase: string,
	createdAt: string,
	params: Argon2Params = DEFAULT_ARGON2
): Promise<Uint8Array> {
	if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) {
		throw new PassphraseError(
			`passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`
		);
	}
	const tables = backedUpTables(db);
	const body: Record<string, unknown[]> = {};
	await db.transaction('r', tables, async () => {
		for (const name of tables) body[name] = await db.table(name).toArray();
	});
	const plaintext = deflateSync(utf8(JSON.stringify(await encodeValue(body))));
	const salt = randomBytes(16);
	const iv = randomBytes(12);
	const header: BackupHeader = {
		v: 1,
		app: 'billfold',
		createdAt,
		dbVersion: db.verno,
		tables,
		kdf: { name: 'argon2id', salt: toBase64(salt), ...params },
		iv: toBase64(iv)
	};
	const headerBytes = utf8(JSON.stringify(header));
	const key = await deriveKek(passphrase, salt, params, 'encrypt');
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: headerBytes },
		key,
		ownBytes(plaintext)
	);
	const length = new Uint8Array(4);
	new DataView(length.buffer).setUint32(0, headerBytes.length);
	return concatBytes(MAGIC, length, headerBytes, new Uint8Array(ciphertext));
}

function readHeader(file: Uint8Array): {
	header: BackupHeader;
	headerBytes: Uint8Array;
	rest: Uint8Array;
} {
	if (file.length < MAGIC.length + 4 || MAGIC.some((byte, i) => file[i] !== byte)) {
		throw new BackupError('not a Billfold backup file');
	}
	const length = new DataView(file.buffer, file.byteOffset + MAGIC.length, 4).getUint32(0);
	const start = MAGIC.length + 4;
	const headerBytes = file.subarray(start, start + length);
	let header: BackupHeader;
	try {
		header = headerSchema.parse(JSON.parse(fromUtf8(headerBytes)));
	} catch {
		throw new BackupError('the backup header is damaged');
	}
	return { header, headerBytes, rest: file.subarray(start + length) };
}

/**
 * Restores a backup into an empty (or to-be-replaced) device: each backed-up table is cleared and
 * refilled in one transaction. Refused while sync is on, so a restore never overwrites a synced
 * workspace behind the other devices' back; restore first, then join or turn sync on.
 */
export async function restoreBackup(
	db: BillfoldDb,
	file: Uint8Array,
	passphrase: string
): Promise<BackupSummary> {
	const { header, headerBytes, rest } = readHeader(file);
	if (header.dbVersion > db.verno) {
		throw new BackupError(
			`the backup comes from a newer Billfold (database version ${header.dbVersion})`
		);
	}
	if (await db.syncMeta.get('workspace')) {
		throw new BackupError('turn sync off on this device (or use a fresh device) before restoring');
	}
	const key = await deriveKek(passphrase, fromBase64(header.kdf.salt), header.kdf, 'decrypt');
	let plaintext: Uint8Array;
	try {
		plaintext = new Uint8Array(
			await crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv: fromBase64(header.iv), additionalData: ownBytes(headerBytes) },
				key,
				ownBytes(rest)
			)
		);
	} catch {
		throw new PassphraseError('wrong passphrase, or the backup file is damaged');
	}
	const body = bodySchema.parse(JSON.parse(fromUtf8(inflateSync(plaintext))));
	const known = new Set(backedUpTables(db));
	const tables = header.tables.filter((name) => known.has(name));
	const counts: Record<string, number> = {};
	await db.transaction('rw', tables, async () => {
		for (const name of tables) {
			const rows = (body[name] ?? []).map(decodeValue);
			await db.table(name).clear();
			if (rows.length > 0) await db.table(name).bulkAdd(rows);
			counts[name] = rows.length;
		}
	});
	return { createdAt: header.createdAt, tables: counts };
}
