import { webcrypto } from 'node:crypto';

/**
 * The sealed inbox envelope, version 1 (relay/README.md "Inbox"; the app's opener is
 * src/lib/inbox/sealed-document.ts and must follow this byte for byte):
 *
 *   0x01 | ephemeral P-256 public key, raw uncompressed (65 bytes) | IV (12 bytes) | AES-256-GCM
 *   ciphertext with its 16-byte tag
 *
 * key = HKDF-SHA256(ikm = ECDH(ephemeral private, workspace receiving public key),
 *                   salt = ephemeral public raw ‖ receiving public raw, info = "billfold-inbox-v1")
 * associated data = UTF-8 of JSON ["billfold-inbox-v1", workspaceId, documentId]
 *
 * A fresh ephemeral key per document means the relay cannot open what it sealed, and the
 * associated data stops a sealed document from being replayed under another workspace or id.
 * Only WebCrypto calls are used, so the browser's opener is the same algorithm.
 */
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_INFO = 'billfold-inbox-v1';
const RAW_KEY_BYTES = 65;
const IV_BYTES = 12;

const subtle = webcrypto.subtle;
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

export function associatedData(workspaceId: string, documentId: string): Uint8Array {
	return new TextEncoder().encode(JSON.stringify([ENVELOPE_INFO, workspaceId, documentId]));
}

/** Seals `plaintext` to the workspace's receiving public key (raw uncompressed P-256). */
export async function sealDocument(
	receivingKeyRaw: Uint8Array,
	workspaceId: string,
	documentId: string,
	plaintext: Uint8Array
): Promise<Buffer> {
	const recipient = await subtle.importKey('raw', receivingKeyRaw, P256, false, []);
	const ephemeral = await subtle.generateKey(P256, true, ['deriveBits']);
	const ephemeralRaw = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
	const shared = await subtle.deriveBits(
		{ name: 'ECDH', public: recipient },
		ephemeral.privateKey,
		256
	);
	const hkdfKey = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	const aesKey = await subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: Buffer.concat([ephemeralRaw, receivingKeyRaw]),
			info: new TextEncoder().encode(ENVELOPE_INFO)
		},
		hkdfKey,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt']
	);
	const iv = webcrypto.getRandomValues(new Uint8Array(IV_BYTES));
	const ciphertext = await subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: associatedData(workspaceId, documentId) },
		aesKey,
		plaintext
	);
	return Buffer.concat([
		Buffer.from([ENVELOPE_VERSION]),
		ephemeralRaw,
		iv,
		new Uint8Array(ciphertext)
	]);
}

export class ReceivingKeyError extends Error {}

/**
 * A device's receiving public key, raw uncompressed (65 bytes) or SPKI, base64 or base64url, as
 * the raw form the relay stores. Anything that is not a point on P-256 is refused.
 */
export async function normaliseReceivingKey(encoded: string): Promise<Uint8Array> {
	const bytes = Buffer.from(encoded, 'base64');
	const format = bytes.length === RAW_KEY_BYTES && bytes[0] === 0x04 ? 'raw' : 'spki';
	let key: webcrypto.CryptoKey;
	try {
		key = await subtle.importKey(format, bytes, P256, true, []);
	} catch {
		throw new ReceivingKeyError(
			'must be an ECDH P-256 public key: 65 raw uncompressed bytes or SPKI, base64-encoded'
		);
	}
	return new Uint8Array(await subtle.exportKey('raw', key));
}
