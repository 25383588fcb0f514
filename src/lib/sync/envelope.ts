import { concatBytes, ownBytes, utf8 } from '$lib/bytes';
import { randomBytes } from './random-bytes';

/** What a ciphertext is: a doc update, or a snapshot that replaces a doc's older rows. */
export type EnvelopeKind = 'update' | 'snapshot';

export interface EnvelopeContext {
	workspaceId: string;
	docId: string;
	kind: EnvelopeKind;
}

const VERSION = 1;
const IV_BYTES = 12;

export class EnvelopeError extends Error {
	constructor(
		readonly reason: 'unsupported-version' | 'truncated' | 'wrong-key-or-tampered',
		context: EnvelopeContext
	) {
		super(`cannot open ${context.kind} of doc ${context.docId}: ${reason.replace(/-/g, ' ')}`);
		this.name = 'EnvelopeError';
	}
}

/**
 * The associated data binds a ciphertext to its workspace, doc and kind, so the relay can neither
 * move a row to another doc or workspace nor replay an update as a snapshot.
 */
function associatedData(context: EnvelopeContext): Uint8Array<ArrayBuffer> {
	return utf8(
		`billfold-sync/${VERSION}\u0000${context.workspaceId}\u0000${context.docId}\u0000${context.kind}`
	);
}

/** version byte ‖ random 96-bit IV ‖ AES-256-GCM ciphertext with its 128-bit tag. */
export async function sealEnvelope(
	key: CryptoKey,
	context: EnvelopeContext,
	plaintext: Uint8Array
): Promise<Uint8Array<ArrayBuffer>> {
	const iv = randomBytes(IV_BYTES);
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: associatedData(context) },
		key,
		ownBytes(plaintext)
	);
	return concatBytes(new Uint8Array([VERSION]), iv, new Uint8Array(ciphertext));
}

export async function openEnvelope(
	key: CryptoKey,
	context: EnvelopeContext,
	envelope: Uint8Array
): Promise<Uint8Array<ArrayBuffer>> {
	if (envelope[0] !== VERSION) throw new EnvelopeError('unsupported-version', context);
	if (envelope.length < 1 + IV_BYTES + 16) throw new EnvelopeError('truncated', context);
	try {
		const plaintext = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: ownBytes(envelope.subarray(1, 1 + IV_BYTES)),
				additionalData: associatedData(context)
			},
			key,
			ownBytes(envelope.subarray(1 + IV_BYTES))
		);
		return new Uint8Array(plaintext);
	} catch {
		throw new EnvelopeError('wrong-key-or-tampered', context);
	}
}
