import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { flateEncode, installStreamFilters } from './stream-filters';

type Filters = (data: string, chain?: string | string[]) => { data: string; reverseChain: string };

const api = jsPDF.API as unknown as { processDataByFilters: Filters };
/** jsPDF's own, taken before this realm's first install. */
const jsPdfOwn = api.processDataByFilters;

/** A binary string: every byte value, a font-like run and text-like runs. */
function sample(length: number, seed: number): string {
	let state = seed;
	let text = '';
	for (let index = 0; index < length; index += 1) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		text += String.fromCharCode(index % 7 === 0 ? state % 256 : 32 + (state % 64));
	}
	return text;
}

describe('stream filters', () => {
	it('deflates to exactly the bytes jsPDF writes, short and long streams alike', () => {
		for (const [length, seed] of [
			[0, 1],
			[100, 2],
			[20_000, 3],
			[70_000, 4]
		] as const) {
			const data = sample(length, seed);
			expect(flateEncode(data)).toBe(jsPdfOwn.call(api, data, ['FlateEncode']).data);
			// Again: the kept copy of a large stream is the same.
			expect(flateEncode(data)).toBe(jsPdfOwn.call(api, data, 'FlateEncode').data);
		}
	});

	it('once installed, answers FlateEncode itself and leaves other chains to jsPDF', () => {
		installStreamFilters();
		installStreamFilters();
		expect(api.processDataByFilters).not.toBe(jsPdfOwn);
		const data = sample(5_000, 5);
		expect(api.processDataByFilters(data, ['FlateEncode'])).toEqual(
			jsPdfOwn.call(api, data, ['FlateEncode'])
		);
		expect(api.processDataByFilters(data, '/FlateEncode')).toEqual({
			data: jsPdfOwn.call(api, data, ['FlateEncode']).data,
			reverseChain: '/FlateDecode'
		});
		expect(api.processDataByFilters(data, ['ASCIIHexEncode', 'FlateEncode'])).toEqual(
			jsPdfOwn.call(api, data, ['ASCIIHexEncode', 'FlateEncode'])
		);
		expect(api.processDataByFilters(data, [])).toEqual({ data, reverseChain: '' });
	});

	it('a compressed document comes out byte for byte as with jsPDF own filters', () => {
		const draw = () => {
			const doc = new jsPDF({ compress: true });
			doc.setCreationDate("D:20260316000000+00'00'");
			doc.setFileId('0'.repeat(32));
			doc.text('Factuur 2026-0042', 20, 20);
			doc.rect(10, 10, 50, 20, 'F');
			return doc.output();
		};
		installStreamFilters();
		const installed = api.processDataByFilters;
		api.processDataByFilters = jsPdfOwn;
		const own = draw();
		api.processDataByFilters = installed;
		const ours = draw();
		expect(ours).toContain('/FlateDecode');
		expect(ours).toBe(own);
	});
});
