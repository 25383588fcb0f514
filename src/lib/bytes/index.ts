/**
 * Bytes as text and back, for every layer: base64 (JSON, UBL attachments, the relay API),
 * base64url (links, key blobs), Crockford base32 (the recovery key), UTF-8. Pure: it runs in
 * the browser, in workers and in Node alike.
 */

/** A multiple of 3, so each chunk's base64 has no padding and the chunks join as one. */
const BASE64_CHUNK = 3 * 0x2000;

/** RFC 4648 base64, a chunk at a time: no argument list or intermediate string as large as the file. */
export function toBase64(bytes: Uint8Array): string {
	const parts: string[] = [];
	for (let start = 0; start < bytes.length; start += BASE64_CHUNK) {
		parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + BASE64_CHUNK))));
	}
	return parts.join('');
}

/** Throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUE[BASE64_ALPHABET.charCodeAt(i)] = i;

/** Text that is not strict base64; `offset` is the character where it stops being so. */
export class Base64Error extends Error {
	constructor(
		readonly offset: number,
		message: string
	) {
		super(message);
		this.name = 'Base64Error';
	}
}

const isXmlSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Base64 as XML and MIME carry it (a UBL attachment, an e-mail part): the RFC 4648 alphabet with
 * its padding, where line breaks and spaces between characters are the only leniency. Anything
 * else (a URL-safe character, a missing or misplaced "=", a stray byte) throws a Base64Error with
 * its offset, where atob() would guess. One pass into one buffer sized up front, so a 10 MB
 * embedded PDF costs its bytes once, not a second binary string.
 */
export function fromBase64Text(text: string): Uint8Array<ArrayBuffer> {
	let significant = 0;
	for (let i = 0; i < text.length; i++) if (!isXmlSpace(text.charCodeAt(i))) significant++;
	if (significant % 4 !== 0)
		throw new Base64Error(
			text.length,
			`base64 must come in groups of 4 characters; this has ${significant}`
		);
	const out = new Uint8Array((significant / 4) * 3);
	let length = 0;
	let quad = 0;
	let filled = 0;
	let padding = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isXmlSpace(code)) continue;
		if (code === 61 /* = */) {
			padding++;
			if (filled + padding > 4 || filled < 2)
				throw new Base64Error(i, `"=" at character ${i} is not base64 padding`);
			continue;
		}
		const value = code < 128 ? BASE64_VALUE[code]! : -1;
		if (value < 0 || padding > 0)
			throw new Base64Error(
				i,
				`${JSON.stringify(text[i])} at character ${i} is not base64 (A–Z, a–z, 0–9, +, / and = padding)`
			);
		quad = (quad << 6) | value;
		if (++filled === 4) {
			out[length++] = quad >>> 16;
			out[length++] = (quad >>> 8) & 0xff;
			out[length++] = quad & 0xff;
			quad = 0;
			filled = 0;
		}
	}
	if (padding > 0) {
		if (filled + padding !== 4)
			throw new Base64Error(text.length, 'base64 padding does not complete the last group');
		quad <<= 6 * padding;
		out[length++] = quad >>> 16;
		if (padding === 1) out[length++] = (quad >>> 8) & 0xff;
	}
	return length === out.length ? out : out.slice(0, length);
}

export function toBase64Url(bytes: Uint8Array): string {
	return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
	const padded = text.replace(/-/g, '+').replace(/_/g, '/');
	return fromBase64(padded + '='.repeat((4 - (padded.length % 4)) % 4));
}

/** Crockford's base32: no I, L, O or U, so it survives being read aloud or written on paper. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function toCrockfordBase32(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += CROCKFORD_ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += CROCKFORD_ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

/**
 * The first `length` bytes of upper-case Crockford base32; undefined when a character is not in
 * the alphabet or the text is too short (the caller words the error for its user).
 */
export function fromCrockfordBase32(text: string, length: number): Uint8Array | undefined {
	const out = new Uint8Array(length);
	let bits = 0;
	let value = 0;
	let index = 0;
	for (const char of text) {
		const digit = CROCKFORD_ALPHABET.indexOf(char);
		if (digit < 0) return undefined;
		value = ((value << 5) | digit) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			if (index < length) out[index++] = (value >>> (bits - 8)) & 0xff;
			bits -= 8;
		}
	}
	return index === length ? out : undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
	return encoder.encode(text);
}

/** Throws on bytes that are not UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
	return decoder.decode(bytes);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** A copy backed by a plain ArrayBuffer, which WebCrypto requires in its TypeScript types. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
	const copy = new Uint8Array(bytes.length);
	copy.set(bytes);
	return copy;
}
