// Subsets Inter (from @expo-google-fonts/inter) to the characters invoices use and writes each
// style as a base64 TypeScript module under src/lib/pdf/fonts/. The output is committed, so the
// build never runs this; rerun it only to change the character set: `node scripts/subset-fonts.mjs`.
//
// Why subset: jsPDF parses the whole TTF for every document. Two full Inter files took ~69 ms and
// made an 84 KB PDF; the subset takes about half the time and a fifth of the bytes.
//
// Why two files per style: jsPDF's parser and its subsetter (which writes the font program into
// each PDF) take time in proportion to the font, and the first PDF of a session pays both. The
// core file holds what Dutch, French, English and German invoices print (Latin-1, Œ œ Ÿ,
// punctuation, €): a third of the glyphs. The extended file (Latin Extended-A, Romanian, Greek,
// Cyrillic, arrows and symbols) loads only for a document with one of its characters, and each
// text is then drawn in runs of the two, like the emoji fallback.
//
// It also writes the fallback for what Inter lacks: the emoji and symbols of Noto Emoji
// (@expo-google-fonts/noto-emoji, monochrome outlines, which is what a PDF can embed), and
// fonts/coverage.ts, the code points both fonts draw, so the app can tell which characters a PDF
// cannot print without loading a font.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { zlibSync } from 'fflate';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const interDir = dirname(require.resolve('@expo-google-fonts/inter/package.json'));
const emojiDir = dirname(require.resolve('@expo-google-fonts/noto-emoji/package.json'));
const outDir = new URL('../src/lib/pdf/fonts/', import.meta.url);

const STYLES = [
	{ file: '400Regular/Inter_400Regular.ttf', module: 'inter-regular' },
	{ file: '700Bold/Inter_700Bold.ttf', module: 'inter-bold' },
	{ file: '400Regular_Italic/Inter_400Regular_Italic.ttf', module: 'inter-italic' },
	{ file: '700Bold_Italic/Inter_700Bold_Italic.ttf', module: 'inter-bold-italic' }
];
const EMOJI = { file: '400Regular/NotoEmoji_400Regular.ttf', module: 'noto-emoji.ts' };

/** Inclusive code point ranges kept in the subset. */
const RANGES = [
	[0x20, 0x7e], // Basic Latin
	[0xa0, 0xff], // Latin-1 Supplement
	[0x100, 0x17f], // Latin Extended-A (ł, ő, č, ş …)
	[0x218, 0x21b], // Ș ș Ț ț (Romanian comma-below letters)
	[0x2c6, 0x2c7], // ˆ ˇ
	[0x2d8, 0x2dd], // ˘ ˙ ˚ ˛ ˜ ˝
	[0x370, 0x3ff], // Greek (EU customers in Greece and Cyprus)
	[0x400, 0x45f], // Cyrillic (Bulgaria) and the Cyrillic of other European languages
	[0x2000, 0x200a], // spaces (Intl uses U+2009/U+202F in some locales)
	[0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
	[0x202f, 0x202f], // narrow no-break space (fr-BE digit grouping)
	[0x2030, 0x203a], // per mille, primes, guillemets
	[0x2044, 0x2044], // fraction slash
	[0x20ac, 0x20ac], // €
	[0x2116, 0x2116], // №
	[0x2122, 0x2122], // ™
	[0x2190, 0x21ff], // arrows (⇒ ↔ …)
	[0x2212, 0x2212], // minus sign
	[0x2300, 0x23ff], // technical symbols Inter has (⌘ ⏎)
	[0x25a0, 0x25ff], // geometric shapes: bullets and boxes (■ □ ● ○ ◆ ▶)
	[0x2600, 0x27bf] // the symbols and dingbats Inter draws itself (✓ ✗ ★ ☆); Noto Emoji the rest
];

/** The core file's share of RANGES: what invoices in nl, fr, en and de print. */
const CORE_RANGES = [
	[0x20, 0x7e], // Basic Latin
	[0xa0, 0xff], // Latin-1 Supplement
	[0x152, 0x153], // Œ œ (French)
	[0x178, 0x178], // Ÿ (French)
	[0x2000, 0x200a], // spaces
	[0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
	[0x202f, 0x202f], // narrow no-break space
	[0x2030, 0x203a], // per mille, primes, guillemets
	[0x2044, 0x2044], // fraction slash
	[0x20ac, 0x20ac], // €
	[0x2122, 0x2122], // ™
	[0x2212, 0x2212] // minus sign
];

/**
 * jsPDF looks glyphs up by UTF-16 code unit, so an emoji beyond U+FFFF is stored in the fallback
 * font at a private-use code unit instead: U+1F000…U+1FFFF at U+E000…U+EFFF.
 */
const ASTRAL_FROM = 0x1f000;
const ASTRAL_TO = 0x1ffff;
const PRIVATE_USE_BASE = 0xe000;
/** Emoji without a glyph of their own worth keeping: tags, Google's private-use extras. */
const EMOJI_SKIPPED = (code) => code < 0xa0 || code > ASTRAL_TO || code === 0xfe0f;

const SUBSET_OPTIONS = {
	targetFormat: 'sfnt',
	// jsPDF neither shapes nor kerns, so layout tables and hinting are dead weight.
	keepFeatures: [],
	noLayoutClosure: true,
	noHinting: true,
	dropTables: ['GSUB', 'GPOS', 'GDEF', 'gasp', 'DSIG', 'STAT', 'meta', 'vhea', 'vmtx']
};

function tablesOf(font) {
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const tables = new Map();
	for (let index = 0; index < view.getUint16(4); index += 1) {
		const at = 12 + index * 16;
		tables.set(font.toString('latin1', at, at + 4), {
			offset: view.getUint32(at + 8),
			length: view.getUint32(at + 12)
		});
	}
	return { view, tables };
}

/** Code point → glyph id from the font's Unicode cmap (format 12, else format 4). */
function readCmap(font) {
	const { view, tables } = tablesOf(font);
	const cmap = tables.get('cmap').offset;
	const map = new Map();
	const subtables = [];
	for (let index = 0; index < view.getUint16(cmap + 2); index += 1) {
		const offset = cmap + view.getUint32(cmap + 8 + index * 8);
		subtables.push({ format: view.getUint16(offset), offset });
	}
	const full = subtables.find((table) => table.format === 12);
	if (full) {
		const groups = view.getUint32(full.offset + 12);
		for (let group = 0; group < groups; group += 1) {
			const at = full.offset + 16 + group * 12;
			const [start, end, glyph] = [0, 4, 8].map((shift) => view.getUint32(at + shift));
			for (let code = start; code <= end; code += 1) map.set(code, glyph + code - start);
		}
		return map;
	}
	const table = subtables.find((candidate) => candidate.format === 4).offset;
	const segments = view.getUint16(table + 6) / 2;
	const ends = table + 14;
	const starts = ends + segments * 2 + 2;
	const deltas = starts + segments * 2;
	const rangeOffsets = deltas + segments * 2;
	for (let segment = 0; segment < segments; segment += 1) {
		const start = view.getUint16(starts + segment * 2);
		const end = view.getUint16(ends + segment * 2);
		const delta = view.getInt16(deltas + segment * 2);
		const rangeOffset = view.getUint16(rangeOffsets + segment * 2);
		for (let code = start; code <= end && code !== 0xffff; code += 1) {
			let glyph;
			if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
			else {
				const at = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2;
				glyph = view.getUint16(at);
				if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
			}
			if (glyph !== 0) map.set(code, glyph);
		}
	}
	return map;
}

/** A cmap with one format 4 subtable (Windows Unicode BMP): what jsPDF reads. */
function format4Cmap(entries) {
	const sorted = [...entries].sort(([a], [b]) => a - b);
	const segments = [];
	for (const [code, glyph] of sorted) {
		const last = segments.at(-1);
		if (last && code === last.end + 1 && glyph - code === last.delta) last.end = code;
		else segments.push({ start: code, end: code, delta: glyph - code });
	}
	segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
	const count = segments.length;
	const length = 16 + count * 8;
	const table = Buffer.alloc(12 + length);
	table.writeUInt16BE(0, 0); // version
	table.writeUInt16BE(1, 2); // one subtable
	table.writeUInt16BE(3, 4); // platform: Windows
	table.writeUInt16BE(1, 6); // encoding: Unicode BMP
	table.writeUInt32BE(12, 8);
	const at = 12;
	const power = 2 ** Math.floor(Math.log2(count));
	table.writeUInt16BE(4, at);
	table.writeUInt16BE(length, at + 2);
	table.writeUInt16BE(0, at + 4);
	table.writeUInt16BE(count * 2, at + 6);
	table.writeUInt16BE(power * 2, at + 8);
	table.writeUInt16BE(Math.log2(power), at + 10);
	table.writeUInt16BE(count * 2 - power * 2, at + 12);
	segments.forEach((segment, index) => {
		table.writeUInt16BE(segment.end, at + 14 + index * 2);
		table.writeUInt16BE(segment.start, at + 16 + count * 2 + index * 2);
		table.writeInt16BE(
			((segment.delta + 0x8000) & 0xffff) - 0x8000,
			at + 16 + count * 4 + index * 2
		);
		table.writeUInt16BE(0, at + 16 + count * 6 + index * 2);
	});
	return table;
}

function checksum(bytes) {
	const padded = Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
	let sum = 0;
	for (let at = 0; at < padded.length; at += 4) sum = (sum + padded.readUInt32BE(at)) >>> 0;
	return sum;
}

/** The font with its cmap table replaced; offsets, checksums and checkSumAdjustment redone. */
function replaceTable(font, tag, replacement) {
	const { tables } = tablesOf(font);
	const entries = [...tables].map(([name, { offset, length }]) => [
		name,
		name === tag ? replacement : Buffer.from(font.subarray(offset, offset + length))
	]);
	entries.sort(([a], [b]) => (a < b ? -1 : 1));
	const head = entries.find(([name]) => name === 'head')[1];
	head.writeUInt32BE(0, 8);
	const count = entries.length;
	const power = 2 ** Math.floor(Math.log2(count));
	const directory = Buffer.alloc(12 + count * 16);
	font.copy(directory, 0, 0, 4);
	directory.writeUInt16BE(count, 4);
	directory.writeUInt16BE(power * 16, 6);
	directory.writeUInt16BE(Math.log2(power), 8);
	directory.writeUInt16BE(count * 16 - power * 16, 10);
	const bodies = [];
	let offset = directory.length;
	entries.forEach(([name, bytes], index) => {
		const at = 12 + index * 16;
		directory.write(name, at, 'latin1');
		directory.writeUInt32BE(checksum(bytes), at + 4);
		directory.writeUInt32BE(offset, at + 8);
		directory.writeUInt32BE(bytes.length, at + 12);
		const padded = Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
		bodies.push(padded);
		offset += padded.length;
	});
	const result = Buffer.concat([directory, ...bodies]);
	const headAt = directory.readUInt32BE(
		12 + entries.findIndex(([name]) => name === 'head') * 16 + 8
	);
	result.writeUInt32BE((0xb1b0afba - checksum(result)) >>> 0, headAt + 8);
	return result;
}

/** [from, to, from, to, …] of the sorted code points. */
function rangesOf(codes) {
	const ranges = [];
	for (const code of [...codes].sort((a, b) => a - b)) {
		if (ranges.length > 0 && ranges.at(-1) === code - 1) ranges[ranges.length - 1] = code;
		else ranges.push(code, code);
	}
	return ranges;
}

function moduleSource(source, bytes) {
	return (
		`// Generated by scripts/subset-fonts.mjs from ${source} (SIL OFL 1.1).\n` +
		`// Do not edit by hand.\n` +
		`const font = '${bytes.toString('base64')}';\nexport default font;\n`
	);
}

/**
 * A core file as every PDF embeds it: whole (it already is the subset the four document languages
 * print) and zlib-deflated exactly as the PDF's stream filter deflates (fflate's zlibSync, default
 * level). The first PDF of a fresh worker then neither subsets nor deflates it; the worker
 * inflates it natively (DecompressionStream) to read its tables.
 */
function deflatedModuleSource(source, bytes) {
	return (
		`// Generated by scripts/subset-fonts.mjs from ${source} (SIL OFL 1.1).\n` +
		`// Do not edit by hand. The TrueType program, zlib-deflated (fflate zlibSync, default level).\n` +
		`const font = '${Buffer.from(zlibSync(bytes)).toString('base64')}';\nexport default font;\n`
	);
}

const codesOf = (ranges) =>
	ranges.flatMap(([from, to]) =>
		Array.from({ length: to - from + 1 }, (_, offset) => from + offset)
	);
const coreCodes = new Set(codesOf(CORE_RANGES));
const coreText = String.fromCodePoint(...coreCodes);
const extendedText = String.fromCodePoint(
	...codesOf(RANGES).filter((code) => !coreCodes.has(code))
);

await mkdir(outDir, { recursive: true });
let interCodes = [];
let interCoreCodes = [];
for (const style of STYLES) {
	const full = await readFile(join(interDir, style.file));
	const source = `@expo-google-fonts/inter ${style.file}`;
	const core = await subsetFont(full, coreText, SUBSET_OPTIONS);
	const extended = await subsetFont(full, extendedText, SUBSET_OPTIONS);
	if (style.module === 'inter-regular') {
		interCoreCodes = [...readCmap(core).keys()];
		interCodes = [...new Set([...interCoreCodes, ...readCmap(extended).keys()])];
	}
	await writeFile(new URL(`${style.module}.ts`, outDir), deflatedModuleSource(source, core));
	await writeFile(new URL(`${style.module}-extended.ts`, outDir), moduleSource(source, extended));
	console.log(
		`${style.module}: ${full.length} → ${core.length} + ${extended.length} (extended) bytes`
	);
}

const inter = new Set(interCodes);
const emojiFull = await readFile(join(emojiDir, EMOJI.file));
const emojiCodes = [...readCmap(emojiFull).keys()].filter(
	(code) => !EMOJI_SKIPPED(code) && !inter.has(code)
);
const emojiSubset = await subsetFont(
	emojiFull,
	String.fromCodePoint(...emojiCodes),
	SUBSET_OPTIONS
);
const subsetGlyphs = readCmap(emojiSubset);
const bmpEntries = emojiCodes.map((code) => [
	code > 0xffff ? PRIVATE_USE_BASE + code - ASTRAL_FROM : code,
	subsetGlyphs.get(code)
]);
const emoji = replaceTable(emojiSubset, 'cmap', format4Cmap(bmpEntries));
await writeFile(
	new URL(EMOJI.module, outDir),
	moduleSource(`@expo-google-fonts/noto-emoji ${EMOJI.file}`, emoji)
);
console.log(
	`${EMOJI.module}: ${emojiFull.length} → ${emoji.length} bytes, ${emojiCodes.length} characters`
);

await writeFile(
	new URL('coverage.ts', outDir),
	`// Generated by scripts/subset-fonts.mjs. Do not edit by hand.\n` +
		`/** Code points the Inter subset draws, as inclusive [from, to] pairs. */\n` +
		`export const INTER_RANGES: readonly number[] = ${JSON.stringify(rangesOf(interCodes))};\n` +
		`/** The part of INTER_RANGES in the core files; the rest needs the extended files. */\n` +
		`export const INTER_CORE_RANGES: readonly number[] = ${JSON.stringify(rangesOf(interCoreCodes))};\n` +
		`/** Code points the Noto Emoji fallback draws (Inter's left out), as inclusive pairs. */\n` +
		`export const EMOJI_RANGES: readonly number[] = ${JSON.stringify(rangesOf(emojiCodes))};\n` +
		`/** The fallback font keeps U+${ASTRAL_FROM.toString(16).toUpperCase()}…U+${ASTRAL_TO.toString(16).toUpperCase()} at this private-use code unit and up (jsPDF reads UTF-16 units). */\n` +
		`export const ASTRAL_FROM = 0x${ASTRAL_FROM.toString(16)};\n` +
		`export const ASTRAL_TO = 0x${ASTRAL_TO.toString(16)};\n` +
		`export const PRIVATE_USE_BASE = 0x${PRIVATE_USE_BASE.toString(16)};\n`
);
