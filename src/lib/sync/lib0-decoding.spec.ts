import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as lib0 from 'lib0/decoding.js';
import * as encoding from 'lib0/encoding';
import * as aliased from 'lib0/decoding';
import * as Y from 'yjs';
import { readAny, readVarString } from './lib0-decoding';

type Read = (decoder: lib0.Decoder) => unknown;

/** What a read gives from `bytes`: its value and where it stopped, or the kind of error. */
function outcome(read: Read, bytes: Uint8Array, offset: number) {
	const decoder = lib0.createDecoder(bytes);
	decoder.pos = offset;
	try {
		const value = read(decoder);
		return { value, pos: decoder.pos };
	} catch (error) {
		// lib0's own messages for an unknown type code name its internal table; the kind is kept.
		return { error: error instanceof Error ? error.constructor.name : typeof error };
	}
}

function expectSameAsLib0(ours: Read, theirs: Read, bytes: Uint8Array, offset = 0): void {
	expect(outcome(ours, bytes, offset)).toStrictEqual(outcome(theirs, bytes, offset));
}

/** Strings with everything UTF-16 allows: astral characters and lone surrogates included. */
const anyString = fc.string({
	unit: fc.oneof(
		fc.constantFrom('a', 'Z', '0', ' ', '-', '\u0000', '\u007f'),
		fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
		fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
		fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
	),
	maxLength: 90
});

/** A length prefix followed by arbitrary bytes: invalid UTF-8, truncations, overlong lengths. */
const framedBytes = fc
	.tuple(fc.nat({ max: 100 }), fc.uint8Array({ maxLength: 120 }))
	.map(([length, body]) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, length);
		encoding.writeUint8Array(encoder, body);
		return encoding.toUint8Array(encoder);
	});

describe('lib0 decoding with fast short strings', () => {
	it('is what Yjs and our code get for lib0/decoding', () => {
		expect(aliased.readVarString).toBe(readVarString);
		expect(aliased.readAny).toBe(readAny);
		expect(aliased.readVarUint).toBe(lib0.readVarUint);
		// Yjs itself: a value with an unknown type code fails with this module's message, not with
		// lib0's ("readAnyLookupTable[…] is not a function"), only if Yjs reads it through here.
		const doc = new Y.Doc();
		doc.getArray('values').insert(0, ['probe-value']);
		const update = Y.encodeStateAsUpdate(doc);
		const text = new TextEncoder().encode('probe-value');
		const at = update.findIndex((_, start) => text.every((byte, i) => update[start + i] === byte));
		// The value is written as its type code (119: string), its length, then its bytes.
		expect(update[at - 2]).toBe(119);
		const broken = update.slice();
		broken[at - 2] = 0;
		expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow(
			'unknown type code in an encoded value'
		);
	});

	it('reads every string as lib0 does', () => {
		fc.assert(
			fc.property(anyString, (text) => {
				const encoder = encoding.createEncoder();
				encoding.writeVarString(encoder, text);
				encoding.writeVarString(encoder, text);
				const bytes = encoding.toUint8Array(encoder);
				expectSameAsLib0(readVarString, lib0.readVarString, bytes);
				const decoder = lib0.createDecoder(bytes);
				readVarString(decoder);
				expect(readVarString(decoder)).toBe(lib0.readVarString(lib0.createDecoder(bytes)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('reads arbitrary bytes as lib0 does, throwing where its fatal decoder throws', () => {
		fc.assert(
			fc.property(framedBytes, fc.nat({ max: 4 }), (bytes, offset) => {
				expectSameAsLib0(readVarString, lib0.readVarString, bytes, Math.min(offset, bytes.length));
			}),
			{ numRuns: 3000 }
		);
		// Invalid UTF-8 behind a short length: lib0's fatal decoder throws, and so does this one.
		for (const body of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x61, 0x80, 0x62]]) {
			const bytes = new Uint8Array([body.length, ...body]);
			expect(() => readVarString(lib0.createDecoder(bytes))).toThrow(TypeError);
			expectSameAsLib0(readVarString, lib0.readVarString, bytes);
		}
	});

	it('reads every encoded value as lib0 does', () => {
		const value = fc.letrec<{ any: unknown }>((tie) => ({
			any: fc.oneof(
				{ depthSize: 'small' },
				fc.constantFrom(undefined, null, true, false),
				fc.integer(),
				fc.double(),
				fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
				anyString,
				fc.uint8Array({ maxLength: 8 }),
				fc.array(tie('any'), { maxLength: 5 }),
				fc.dictionary(anyString, tie('any'), { maxKeys: 5 })
			)
		})).any;
		fc.assert(
			fc.property(value, (item) => {
				const encoder = encoding.createEncoder();
				encoding.writeAny(encoder, item as Parameters<typeof encoding.writeAny>[1]);
				expectSameAsLib0(readAny, lib0.readAny, encoding.toUint8Array(encoder));
			}),
			{ numRuns: 2000 }
		);
	});

	it('reads arbitrary bytes as values as lib0 does', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 60 }), (bytes) => {
				expectSameAsLib0(readAny, lib0.readAny, bytes);
			}),
			{ numRuns: 3000 }
		);
	});

	it('gives Yjs the same doc from the same update', () => {
		const doc = new Y.Doc();
		const fields = doc.getMap('fields');
		fields.set('id', '0192f3c4-1a2b-7c3d-8e4f-123456789abc');
		fields.set('buyer', { name: 'Café Zoë BVBA', vat: 'BE0123456789' });
		fields.set('lines', [{ description: 'Conseil 🇧🇪 — jour', unitPrice: '650.00' }]);
		const update = Y.encodeStateAsUpdate(doc);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, update);
		expect(copy.getMap('fields').toJSON()).toStrictEqual(fields.toJSON());
		expect(Y.encodeStateAsUpdate(copy)).toStrictEqual(update);
	});
});
