import { ownBytes } from './bytes';
import { WORKSPACE_KEY_BYTES } from './workspace-key';

/**
 * The recovery key is the raw workspace key in Crockford base32 with a 16-bit SHA-256 checksum,
 * in groups of five: 11 groups that survive being read aloud or written on paper. It is shown once.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
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

function toBase32(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

function fromBase32(text: string, length: number): Uint8Array {
	const out = new Uint8Array(length);
	let bits = 0;
	let value = 0;
	let index = 0;
	for (const char of text) {
		const digit = ALPHABET.indexOf(char);
		if (digit < 0) throw new RecoveryKeyError(`"${char}" is not a recovery key character`);
		value = ((value << 5) | digit) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			if (index < length) out[index++] = (value >>> (bits - 8)) & 0xff;
			bits -= 8;
		}
	}
	if (index !== length) throw new RecoveryKeyError('recovery key is too short');
	return out;
}

export async function encodeRecoveryKey(raw: Uint8Array): Promise<string> {
	const bytes = new Uint8Array(WORKSPACE_KEY_BYTES + CHECKSUM_BYTES);
	bytes.set(raw);
	bytes.set(await checksum(raw), WORKSPACE_KEY_BYTES);
	return (toBase32(bytes).match(/.{1,5}/g) ?? []).join('-');
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
	const bytes = fromBase32(normalized, WORKSPACE_KEY_BYTES + CHECKSUM_BYTES);
	const raw = ownBytes(bytes.subarray(0, WORKSPACE_KEY_BYTES));
	const expectedSum = await checksum(raw);
	if (expectedSum.some((byte, i) => byte !== bytes[WORKSPACE_KEY_BYTES + i])) {
		throw new RecoveryKeyError('recovery key has a typo (checksum does not match)');
	}
	return raw;
}
