import { CROCKFORD_ALPHABET, fromCrockfordBase32, ownBytes, toCrockfordBase32 } from '$lib/bytes';
import { WORKSPACE_KEY_BYTES } from './workspace-key';

/**
 * The recovery key is the raw workspace key in Crockford base32 with a 16-bit SHA-256 checksum,
 * in groups of five: 11 groups that survive being read aloud or written on paper. It is shown once.
 */
const CHECKSUM_BYTES = 2;

export class RecoveryKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RecoveryKeyError';
	}
}

async function checksum(raw: Uint8Array): Promise<Uint8Array> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', ownBytes(raw)));
	return digest.subarray(0, CHECKSUM_BYTES);
}

export async function encodeRecoveryKey(raw: Uint8Array): Promise<string> {
	const bytes = new Uint8Array(WORKSPACE_KEY_BYTES + CHECKSUM_BYTES);
	bytes.set(raw);
	bytes.set(await checksum(raw), WORKSPACE_KEY_BYTES);
	return (toCrockfordBase32(bytes).match(/.{1,5}/g) ?? []).join('-');
}

export async function decodeRecoveryKey(text: string): Promise<Uint8Array<ArrayBuffer>> {
	const normalized = text
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	const expected = Math.ceil(((WORKSPACE_KEY_BYTES + CHECKSUM_BYTES) * 8) / 5);
	if (normalized.length !== expected) {
		throw new RecoveryKeyError(`recovery key must have ${expected} characters`);
	}
	const bytes = fromCrockfordBase32(normalized, WORKSPACE_KEY_BYTES + CHECKSUM_BYTES);
	if (!bytes) {
		const wrong = [...normalized].find((char) => !CROCKFORD_ALPHABET.includes(char));
		throw new RecoveryKeyError(
			wrong ? `"${wrong}" is not a recovery key character` : 'recovery key is too short'
		);
	}
	const raw = ownBytes(bytes.subarray(0, WORKSPACE_KEY_BYTES));
	const expectedSum = await checksum(raw);
	if (expectedSum.some((byte, i) => byte !== bytes[WORKSPACE_KEY_BYTES + i])) {
		throw new RecoveryKeyError('recovery key has a typo (checksum does not match)');
	}
	return raw;
}
