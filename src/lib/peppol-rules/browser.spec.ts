// The browser loader fetches every UBL schema and libxml2's WebAssembly from the URL Vite gives
// it; in vitest those URLs are the files' paths under the project root, served here from disk.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_URLS, browserValidator } from './browser';
import { XSD_FILES } from './data-files';
import { fontoxpathLoaded } from './fontoxpath';
import { DATA_DIR, nodeValidator } from './node';

/** As a server sends them: the wasm with its type, which WebAssembly.compileStreaming needs. */
const fromDisk = async (url: string) => {
	const bytes = await readFile(resolve('.' + url));
	const type = url.endsWith('.wasm') ? 'application/wasm' : 'application/xml';
	return new Response(bytes, { headers: { 'content-type': type } });
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
		expect((await validator.validate(example)).fatal).toEqual([]);
	});

	// Runs before anything in this file creates Node's validator, which imports fontoxpath.
	it('imports fontoxpath only when a document needs it, then finds what Node finds', async () => {
		const validator = await browserValidator(fromDisk);
		const example = await readFile(`${DATA_DIR}examples/base-example.xml`, 'utf8');
		expect((await validator.validate(example)).fatal).toEqual([]);
		expect(fontoxpathLoaded()).toBe(false);
		// 'abc' as an amount: the compiled sums raise an error, which fontoxpath reports
		const broken = example.replace(/(<cbc:LineExtensionAmount currencyID="EUR">)[^<]*/, '$1abc');
		const result = await validator.validate(broken);
		expect(fontoxpathLoaded()).toBe(true);
		expect(validator.fontoxpathEvaluations()).toBeGreaterThan(0);
		expect(result.fatal.filter((f) => f.evaluationError).map((f) => f.id)).toContain('BR-CO-10');
		expect(result).toEqual((await nodeValidator()).validate(broken));
	});

	it('names the file and the status when libxml2.wasm is missing', async () => {
		await expect(
			browserValidator(async (url) =>
				url.endsWith('.wasm') ? new Response('', { status: 404 }) : fromDisk(url)
			)
		).rejects.toThrow('peppol-rules: libxml2.wasm: HTTP 404');
	});

	it('names the file and the status when an asset is missing', async () => {
		await expect(browserValidator(async () => new Response('', { status: 404 }))).rejects.toThrow(
			/peppol-rules: ((rules|xsd)\/[\w./-]+|libxml2\.wasm): HTTP 404/
		);
	});
});
