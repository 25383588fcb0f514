import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { unpackJspdfMetrics } from './jspdf-metrics';

const require = createRequire(import.meta.url);
const { jsPDF } = require('jspdf') as {
	jsPDF: { API: { __fontmetrics__: { uncompress(data: string): unknown } } };
};
const uncompress = jsPDF.API.__fontmetrics__.uncompress;
/** The build the PDF worker bundles (package.json's "browser" and "module"). */
const shipped = readFileSync(require.resolve('jspdf/dist/jspdf.es.min.js'), 'utf8');

/** Every unpacker call the source holds, as the literal it was given. */
function packedCalls(source: string): string[] {
	return [...source.matchAll(/[\w$]+\("(\{[0-9a-z{}'-]*\})"\)/g)].map((match) => match[1] ?? '');
}

describe('jsPDF font metrics unpacked at build time', () => {
	it('replaces every packed table of the shipped jsPDF by the value jsPDF would unpack', () => {
		const packed = packedCalls(shipped);
		// 14 standard fonts and the WinAnsi encoding table.
		expect(packed).toHaveLength(15);
		const out = unpackJspdfMetrics(shipped, uncompress);
		expect(packedCalls(out)).toEqual([]);
		const parsed = [...out.matchAll(/JSON\.parse\(("(?:[^"\\]|\\.)*")\)/g)].map(
			(match) => JSON.parse(JSON.parse(match[1] ?? '""') as string) as unknown
		);
		expect(parsed).toHaveLength(15);
		// The same objects, key order included (jsPDF reads them by key; order kept all the same).
		expect(parsed.map((value) => JSON.stringify(value))).toEqual(
			packed.map((literal) => JSON.stringify(uncompress(literal)))
		);
		// Nothing else changed: each call, and only it, became its value.
		expect(out.replace(/JSON\.parse\("(?:[^"\\]|\\.)*"\)/g, 'X')).toBe(
			shipped.replace(/[\w$]+\("\{[0-9a-z{}'-]*\}"\)/g, 'X')
		);
	});

	it('fails the build when jsPDF no longer has its unpacker or its packed tables', () => {
		expect(() => unpackJspdfMetrics('const a = 1;', uncompress)).toThrow(/unpacker was not found/);
		const definitionOnly = shipped.replace(/[\w$]+\("\{[0-9a-z{}'-]*\}"\)/g, 'null');
		expect(() => unpackJspdfMetrics(definitionOnly, uncompress)).toThrow(/no packed font metrics/);
	});
});
