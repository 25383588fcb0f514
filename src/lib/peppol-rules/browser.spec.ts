// The browser loader fetches every UBL schema from the URL Vite gives it; in vitest those URLs
// are the files' paths under the project root, served here from disk.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_URLS, browserValidator } from './browser';
import { XSD_FILES } from './data-files';
import { DATA_DIR } from './node';

const fromDisk = async (url: string) => {
	const bytes = await readFile(resolve('.' + url));
	return new Response(bytes);
};

describe('browserValidator', () => {
	it('has an asset URL for every data file, pointing at that file', async () => {
		expect(Object.keys(DATA_URLS).sort()).toEqual([...XSD_FILES].sort());
		for (const file of XSD_FILES) {
			expect(await readFile(resolve('.' + DATA_URLS[file]))).toEqual(
				await readFile(DATA_DIR + file)
			);
		}
	});

	it('validates once loaded through fetch', async () => {
		const validator = await browserValidator(fromDisk);
		const example = await readFile(`${DATA_DIR}examples/base-example.xml`, 'utf8');
		expect(validator.validate(example).fatal).toEqual([]);
	});

	it('names the file and the status when an asset is missing', async () => {
		await expect(browserValidator(async () => new Response('', { status: 404 }))).rejects.toThrow(
			/peppol-rules: (rules|xsd)\/[\w./-]+: HTTP 404/
		);
	});
});
