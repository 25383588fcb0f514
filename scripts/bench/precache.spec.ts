import { describe, expect, it } from 'vitest';
import {
	buildFile,
	filesHolding,
	mergeConcerns,
	servedPath,
	summarisePrecache,
	type PrecachedFile
} from './precache';

const file = (
	path: string,
	bytes: number,
	concerns: Record<string, number> = {},
	gzip = bytes / 2
): PrecachedFile => ({ path, bytes, gzip, concerns });

describe('servedPath and buildFile', () => {
	it("drops Workbox's revision parameter and maps the shell to index.html", () => {
		expect(servedPath('http://127.0.0.1:4000/?__WB_REVISION__=abc')).toBe('/');
		expect(servedPath('http://127.0.0.1:4000/icons/icon.svg?__WB_REVISION__=1f')).toBe(
			'/icons/icon.svg'
		);
		expect(buildFile('/')).toBe('index.html');
		expect(buildFile('/_app/immutable/chunks/a.js')).toBe('_app/immutable/chunks/a.js');
	});
});

describe('summarisePrecache', () => {
	it('sums every file and splits each by its concerns', () => {
		const summary = summarisePrecache([
			file('/a.js', 1000, { jspdf: 300, pako: 100 }),
			file('/b.js', 400, { pako: 5 }),
			file('/', 200)
		]);
		expect(summary).toMatchObject({ files: 3, bytes: 1600, gzip: 800 });
		expect(summary.byConcern).toEqual([
			{ concern: 'jspdf', bytes: 750, gzip: 375, files: 1 },
			{ concern: 'pako', bytes: 650, gzip: 325, files: 2 },
			{ concern: 'unlabelled', bytes: 200, gzip: 100, files: 1 }
		]);
	});

	it('loses no byte to the split', () => {
		const files = [file('/a', 999, { x: 1, y: 1, z: 1 }), file('/b', 7, { x: 3, y: 0 })];
		const summary = summarisePrecache(files);
		const split = summary.byConcern.reduce((sum, share) => sum + share.bytes, 0);
		expect(Math.abs(split - summary.bytes)).toBeLessThanOrEqual(summary.byConcern.length);
		// a concern with no rendered bytes in a file does not count that file
		expect(summary.byConcern.find((share) => share.concern === 'y')?.files).toBe(1);
	});
});

describe('filesHolding and mergeConcerns', () => {
	it("names the files of a concern, across the page's and the workers' builds", () => {
		const concerns = mergeConcerns([
			{ '_app/immutable/chunks/p.js': { svelte: 10 } },
			{ '_app/immutable/workers/chunks/j.js': { jspdf: 10, pako: 2 } }
		]);
		const files = [...concerns].map(([path, parts]) => file(path, 10, parts));
		expect(filesHolding(files, 'jspdf')).toEqual(['/_app/immutable/workers/chunks/j.js']);
		expect(filesHolding(files, 'pdf-lib')).toEqual([]);
	});
});
