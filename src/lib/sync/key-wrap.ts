import { z } from 'zod';
import { fromBase64Url, ownBytes, toBase64Url, utf8 } from '$lib/bytes';
import { randomBytes } from './random-bytes';

/**
 * The workspace key wrapped under a passphrase: Argon2id (hash-wasm, loaded on first use) derives
 * a 256-bit key-encryption key, and AES-256-GCM seals the raw workspace key with the workspace id
 * as associated data. The relay keeps this blob so a new device can join with the passphrase; the
 * relay cannot open it.
 */
export interface Argon2Params {
	memoryKiB: number;
	iterations: number;
	parallelism: number;
}

/** OWASP's Argon2id baseline is 19 MiB × 2; 64 MiB × 3 costs about a second in a phone browser. */
export const DEFAULT_ARGON2: Argon2Params = { memoryKiB: 65536, iterations: 3, parallelism: 1 };

export const MIN_PASSPHRASE_LENGTH = 10;

export const wrappedKeySchema = z.strictObject({
	v: z.literal(1),
	kdf: z.literal('argon2id'),
	salt: z.string().regex(/^[A-Za-z0-9_-]{22,}$/, 'must be base64url, at least 16 bytes'),
	memoryKiB: z.number().int().min(8192).max(1048576),
	iterations: z.number().int().min(1).max(20),
	parallelism: z.number().int().min(1).max(16),
	iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'must be a base64url 12-byte IV'),
	ciphertext: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
});
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

export class PassphraseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PassphraseError';
	}
}

/** A 256-bit AES-GCM key from a passphrase (Argon2id); also used for backup files. */
export async function deriveKek(
	passphrase: string,
	salt: Uint8Array,
	params: Argon2Params,
	usage: KeyUsage
): Promise<CryptoKey> {
	const { argon2id } = await import('hash-wasm');
	const derived = await argon2id({
		password: passphrase.normalize('NFKC'),
		salt,
		parallelism: params.parallelism,
		iterations: params.iterations,
		memorySize: params.memoryKiB,
		hashLength: 32,
		outputType: 'binary'
	});
	return crypto.subtle.importKey('raw', ownBytes(derived), { name: 'AES-GCM' }, false, [usage]);
}

const aad = (workspaceId: string) => utf8(`billfold-key-wrap/1\u0000${workspaceId}`);

export async function wrapWorkspaceKey(
	raw: Uint8Array,
	passphrase: string,
	workspaceId: string,
	params: Argon2Params = DEFAULT_ARGON2
): Promise<WrappedKey> {
	if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) {
		throw new PassphraseError(
			`passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`
		);
	}
	const salt = randomBytes(16);
	const iv = randomBytes(12);
	const kek = await deriveKek(passphrase, salt, params, 'encrypt');
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: aad(workspaceId) },
		kek,
		ownBytes(raw)
	);
	return {
		v: 1,
		kdf: 'argon2id',
		salt: toBase64Url(salt),
		...params,
		iv: toBase64Url(iv),
		ciphertext: toBase64Url(new Uint8Array(ciphertext))
	};
}

/** Returns the raw workspace key; a wrong passphrase is a PassphraseError. */
export async function unwrapWorkspaceKey(
	wrapped: unknown,
	passphrase: string,
	workspaceId: string
): Promise<Uint8Array<ArrayBuffer>> {
	const blob = wrappedKeySchema.parse(wrapped);
	const kek = await deriveKek(passphrase, fromBase64Url(blob.salt), blob, 'decrypt');
	try {
		const raw = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: fromBase64Url(blob.iv), additionalData: aad(workspaceId) },
			kek,
			fromBase64Url(blob.ciphertext)
		);
		return new Uint8Array(raw);
	} catch {
		throw new PassphraseError('wrong passphrase');
	}
}
