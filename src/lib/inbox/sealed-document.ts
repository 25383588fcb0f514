import { concatBytes, ownBytes, utf8 } from '$lib/bytes';

/**
 * Opens a received document the relay sealed at intake (relay/src/inbox/sealed-envelope.ts writes
 * the format down; relay/README.md "Inbox"): version 0x01 | ephemeral P-256 public key (65 raw
 * bytes) | IV (12) | AES-256-GCM ciphertext and tag. The AES key is HKDF-SHA256 of the ECDH
 * secret, salted with both public keys; the associated data binds workspace and document id, so a
 * sealed copy moved to another workspace or id does not open. Pure WebCrypto: runs in the
 * browser, in a worker and in vitest.
 */
const VERSION = 1;
const INFO = 'billfold-inbox-v1';
const RAW_KEY_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

export class SealedDocumentError extends Error {
	constructor(
		readonly reason: 'malformed' | 'unsupported-version' | 'cannot-open',
		message: string
	) {
		super(message);
		this.name = 'SealedDocumentError';
	}
}

export function inboxAssociatedData(workspaceId: string, documentId: string): Uint8Array {
	return utf8(JSON.stringify([INFO, workspaceId, documentId]));
}

/** A new receiving key pair; the public half goes to the relay as raw bytes. */
export async function generateReceivingKeyPair(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey(P256, true, ['deriveBits']);
}

export async function openSealedDocument(
	sealed: Uint8Array,
	receivingKeys: { privateKey: CryptoKey; publicKeyRaw: Uint8Array },
	workspaceId: string,
	documentId: string
): Promise<Uint8Array> {
	if (sealed.length < 1 + RAW_KEY_BYTES + IV_BYTES + TAG_BYTES)
		throw new SealedDocumentError('malformed', 'The sealed document is too short.');
	if (sealed[0] !== VERSION)
		throw new SealedDocumentError(
			'unsupported-version',
			`The sealed document has version ${sealed[0]}; this app opens version ${VERSION}.`
		);
	const ephemeralRaw = ownBytes(sealed.subarray(1, 1 + RAW_KEY_BYTES));
	const iv = ownBytes(sealed.subarray(1 + RAW_KEY_BYTES, 1 + RAW_KEY_BYTES + IV_BYTES));
	const ciphertext = ownBytes(sealed.subarray(1 + RAW_KEY_BYTES + IV_BYTES));
	let ephemeral: CryptoKey;
	try {
		ephemeral = await crypto.subtle.importKey('raw', ephemeralRaw, P256, false, []);
	} catch {
		throw new SealedDocumentError('malformed', 'The sealed document’s ephemeral key is invalid.');
	}
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: ephemeral },
		receivingKeys.privateKey,
		256
	);
	const hkdfKey = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	const aesKey = await crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: concatBytes(ephemeralRaw, receivingKeys.publicKeyRaw),
			info: utf8(INFO)
		},
		hkdfKey,
		{ name: 'AES-GCM', length: 256 },
		false,
		['decrypt']
	);
	try {
		const plaintext = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv,
				additionalData: ownBytes(inboxAssociatedData(workspaceId, documentId))
			},
			aesKey,
			ciphertext
		);
		return new Uint8Array(plaintext);
	} catch {
		throw new SealedDocumentError(
			'cannot-open',
			'The sealed document does not open with this workspace’s receiving key, or it was altered, or it belongs to another workspace or document.'
		);
	}
}
