import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/** Every file of a folder, with its bytes. */
async function filesIn(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return Promise.all(
		entries
			.filter((entry) => entry.isFile())
			.map(async (entry) => {
				const path = join(entry.parentPath, entry.name);
				return { path, bytes: await readFile(path) };
			})
	);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// The bench writes made-up invoices and reads the test fixtures; the app people install must
// contain neither (the bench has its own bundle, scripts/bench/vite.bench.config.ts).
test.describe('the shipped app', () => {
	test('contains no bench code and no test fixture', async () => {
		const shipped = await filesIn('build');
		expect(shipped.length).toBeGreaterThan(10);
		const benchMarks = [
			'bench-seed',
			'__bench',
			'billfoldSeed',
			'billfoldBench',
			'sample invoices'
		];
		for (const { path, bytes } of shipped) {
			for (const mark of benchMarks) expect(bytes.includes(mark), `${mark} in ${path}`).toBe(false);
		}

		const fixtures = await filesIn('tests/fixtures');
		expect(fixtures.length).toBeGreaterThan(3);
		const shippedHashes = new Set(shipped.map(({ bytes }) => sha256(bytes)));
		for (const fixture of fixtures) {
			// A fixture is shipped either as its own asset or inlined as a data: URL.
			expect(shippedHashes.has(sha256(fixture.bytes)), `${fixture.path} as a file`).toBe(false);
			const inlined = fixture.bytes.toString('base64').slice(0, 80);
			for (const { path, bytes } of shipped) {
				expect(bytes.includes(inlined), `${fixture.path} inlined in ${path}`).toBe(false);
			}
		}
	});

	test('ships jsPDF, pdf-lib and their zlib once, in the PDF worker, and no unused jsPDF dependency', async () => {
		const scripts = (await filesIn('build')).filter(({ path }) => path.endsWith('.js'));
		const holding = (mark: string) =>
			scripts.filter(({ bytes }) => bytes.includes(mark)).map(({ path }) => path);
		// A message only jsPDF's core has (its plugins may be cut: scripts/jspdf-slim.ts), pdf-lib's
		// default Producer, and a message of pako's inflate (pdf-lib asks for pako 1, jsPDF's PNG
		// reader for pako 2: vite.config.ts keeps one).
		for (const mark of [
			'Invalid argument passed to jsPDF.roundToPrecision',
			'pdf-lib (https://github.com/Hopding/pdf-lib)',
			'incorrect header check'
		]) {
			const copies = holding(mark);
			expect(copies, mark).toHaveLength(1);
			expect(copies[0], mark).toContain('/immutable/workers/');
		}
		// Code of html2canvas, canvg and dompurify (jsPDF's HTML and SVG import), not their names:
		// the stand-in that vite.config.ts aliases them to names them in its error; and a message of
		// jsPDF's SVG plugin, which scripts/jspdf-slim.ts cuts from the worker's build.
		for (const mark of [
			'jsPDF.addSvgAsImage: Invalid coordinates',
			'html2canvas-container',
			'feDropShadow',
			'animateTransform',
			'ALLOWED_TAGS'
		])
			expect(holding(mark), mark).toEqual([]);
	});

	test('has no bench route', async ({ page }) => {
		await page.goto('/invoices/bench-seed');
		await expect(page.getByRole('heading', { level: 1, name: '404' })).toBeVisible();
		await expect(page.getByRole('button', { name: /sample invoices/i })).toHaveCount(0);
	});
});
