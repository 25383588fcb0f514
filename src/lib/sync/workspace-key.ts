import { ownBytes } from '$lib/bytes';
import { randomBytes } from './random-bytes';

export const WORKSPACE_KEY_BYTES = 32;

/**
 * The workspace data key is AES-256-GCM. On a device it lives only as a non-extractable
 * CryptoKey (IndexedDB stores it by structured clone), so script that runs later cannot read it
 * out. The raw bytes exist exactly once, when the key is created (or re-derived from the
 * passphrase or the recovery key): they feed the pairing link, the recovery key and the
 * passphrase wrap, and are then dropped. WebCrypto cannot wrap a non-extractable key, which is
 * why pairing a device later asks for the passphrase or the recovery key.
 */
export interface CreatedWorkspaceKey {
	raw: Uint8Array<ArrayBuffer>;
	key: CryptoKey;
}

export async function createWorkspaceKey(): Promise<CreatedWorkspaceKey> {
	const raw = randomBytes(WORKSPACE_KEY_BYTES);
	return { raw, key: await importWorkspaceKey(raw) };
}

export async function importWorkspaceKey(raw: Uint8Array): Promise<CryptoKey> {
	if (raw.length !== WORKSPACE_KEY_BYTES) {
		throw new Error(`workspace key must be ${WORKSPACE_KEY_BYTES} bytes, got ${raw.length}`);
	}
	return crypto.subtle.importKey('raw', ownBytes(raw), { name: 'AES-GCM' }, false, [
		'encrypt',
		'decrypt'
	]);
}
