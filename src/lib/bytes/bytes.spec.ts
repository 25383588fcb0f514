import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	Base64Error,
	concatBytes,
	fromBase64,
	fromBase64Text,
	fromBase64Url,
	fromCrockfordBase32,
	fromUtf8,
	toBase64,
	toBase64Url,
	toCrockfordBase32,
	utf8
} from './index';

describe('base64', () => {
	it('matches the platform encoder for any bytes, across chunk boundaries', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 30_000 }), (bytes) => {
				expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
				expect(fromBase64(toBase64(bytes))).toEqual(bytes);
			}),
			{ numRuns: 200 }
		);
	});

	it('encodes large files without overflowing the call stack', () => {
		const bytes = new Uint8Array(3 * 1024 * 1024).map((_, index) => index % 251);
		const encoded = toBase64(bytes);
		expect(Buffer.from(encoded, 'base64').equals(Buffer.from(bytes))).toBe(true);
	});

	it('base64url has no padding and round-trips', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
				expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
				expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
			})
		);
		expect(() => fromBase64Url('a+b/')).toThrow('not base64url');
	});
});

describe('Crockford base32', () => {
	it('encodes to the alphabet without I, L, O, U and round-trips', () => {
		expect(toCrockfordBase32(utf8('f'))).toBe('CR');
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
				const text = toCrockfordBase32(bytes);
				expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]+$/);
				expect(fromCrockfordBase32(text, bytes.length)).toEqual(bytes);
			})
		);
	});

	it('refuses a character outside the alphabet or too short a text', () => {
		expect(fromCrockfordBase32('CU', 1)).toBeUndefined();
		expect(fromCrockfordBase32('C', 1)).toBeUndefined();
	});
});

describe('utf8 and concat', () => {
	it('round-trips text and joins byte arrays in order', () => {
		expect(fromUtf8(utf8('Façade € 🧾'))).toBe('Façade € 🧾');
		expect(() => fromUtf8(new Uint8Array([0xff]))).toThrow();
		expect(concatBytes(utf8('ab'), new Uint8Array(), utf8('c'))).toEqual(utf8('abc'));
	});
});

describe('fromBase64Text', () => {
	it('reads what toBase64 writes, wrapped at any width', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 200 }),
				fc.integer({ min: 1, max: 80 }),
				(bytes, width) => {
					const wrapped = toBase64(bytes).replace(new RegExp(`(.{${width}})`, 'g'), '$1\r\n ');
					expect(fromBase64Text(wrapped)).toEqual(bytes);
				}
			)
		);
	});

	it('refuses what atob would guess at, naming the character', () => {
		const refused = (text: string) => {
			try {
				fromBase64Text(text);
			} catch (error) {
				expect(error).toBeInstanceOf(Base64Error);
				return (error as Base64Error).offset;
			}
			throw new Error(`accepted ${text}`);
		};
		expect(refused('QUJD-A==')).toBe(4); // URL-safe alphabet
		expect(refused('QUI')).toBe(3); // padding missing
		expect(refused('Q===')).toBe(1); // too much padding
		expect(refused('QQ==QUJD')).toBe(4); // data after padding
		expect(refused('QUJDé===')).toBe(4);
		expect(atob('QUI')).toBe('AB');
	});

	it('decodes the padded tails', () => {
		expect(fromUtf8(fromBase64Text('QQ=='))).toBe('A');
		expect(fromUtf8(fromBase64Text('QUI='))).toBe('AB');
		expect(fromUtf8(fromBase64Text(' QUJD\n'))).toBe('ABC');
		expect(fromBase64Text('')).toEqual(new Uint8Array(0));
	});
});
