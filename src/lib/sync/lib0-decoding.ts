/**
 * lib0's decoding, which Yjs reads every update with, with a faster read of short ASCII strings.
 * The builds alias `lib0/decoding` to this module (scripts/yjs-aliases.ts), so Yjs uses it.
 *
 * Why: lib0 decodes every string with a `TextDecoder` call. A record doc holds about 150 short
 * strings (field names, ids, dates, amounts), and a new device decodes every record once, so the
 * call's fixed cost dominated the decoding of its first sync. A string of at most SHORT bytes
 * that are all ASCII decodes here in plain JavaScript; anything else goes to lib0's own read.
 * The bytes and their meaning are unchanged: an ASCII byte is the same character in UTF-8, and
 * ASCII is never invalid, so lib0's fatal decoder throws exactly where it threw before
 * (lib0-decoding.spec.ts compares both over arbitrary bytes).
 */
import * as lib0 from 'lib0/decoding.js';

export * from 'lib0/decoding.js';

type Decoder = lib0.Decoder;

/** Above this, `TextDecoder`'s fixed cost is small next to the per-byte work. */
const SHORT = 64;

/**
 * The character codes of the string being read, reused: one array for every string, and one
 * flat string made from it (appending a character at a time builds ropes, which the profile
 * showed as garbage collection outweighing the decoder calls saved).
 */
const codes: number[] = [];

export function readVarString(decoder: Decoder): string {
	const start = decoder.pos;
	const length = lib0.readVarUint(decoder);
	const bytes = decoder.arr;
	const end = decoder.pos + length;
	// Past the end of the view, lib0 throws ("Unexpected end of array"): let it.
	if (length <= SHORT && end <= bytes.length) {
		codes.length = 0;
		for (let index = decoder.pos; index < end; index++) {
			const byte = bytes[index] as number;
			if (byte > 0x7f) {
				decoder.pos = start;
				return lib0.readVarString(decoder);
			}
			codes.push(byte);
		}
		decoder.pos = end;
		return String.fromCharCode.apply(null, codes);
	}
	decoder.pos = start;
	return lib0.readVarString(decoder);
}

/**
 * lib0's `readAny` reads the strings inside a value (a record field's value) through its own
 * module's `readVarString`, which the alias does not reach: the same table, with the fast read.
 */
const readAnyTable: ((decoder: Decoder) => unknown)[] = [
	() => undefined, // 127: undefined
	() => null, // 126: null
	lib0.readVarInt, // 125: integer
	lib0.readFloat32, // 124: float32
	lib0.readFloat64, // 123: float64
	lib0.readBigInt64, // 122: bigint
	() => false, // 121: false
	() => true, // 120: true
	readVarString, // 119: string
	(decoder) => {
		// 118: object
		const length = lib0.readVarUint(decoder);
		const object: Record<string, unknown> = {};
		for (let index = 0; index < length; index++) {
			const key = readVarString(decoder);
			object[key] = readAny(decoder);
		}
		return object;
	},
	(decoder) => {
		// 117: array
		const length = lib0.readVarUint(decoder);
		const array: unknown[] = [];
		for (let index = 0; index < length; index++) array.push(readAny(decoder));
		return array;
	},
	lib0.readVarUint8Array // 116: Uint8Array
];

export function readAny(decoder: Decoder): unknown {
	const read = readAnyTable[127 - lib0.readUint8(decoder)];
	// lib0 throws a TypeError on an unknown type code too (it calls an undefined table entry).
	if (!read) throw new TypeError('unknown type code in an encoded value');
	return read(decoder);
}
