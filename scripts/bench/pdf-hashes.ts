/**
 * `npx tsx scripts/bench/pdf-hashes.ts <bundle>…`: the SHA-256 of the PDFs a change to how the
 * PDF code is built must leave byte for byte as they were (`pdfSamples` in
 * browser/pdf-samples.ts: the bench's 1-page, 200-line and terms PDFs, one with the UBL attached,
 * one with extended and emoji glyphs), made by each bench bundle in a fresh page. Exits 1 if the
 * bundles disagree. Build each bundle with
 * `npx vite build -c scripts/bench/vite.bench.config.ts --outDir /tmp/<name>`.
 */
import { createHash } from 'node:crypto';
import { launchBrowser } from './browser';
import { serveDirectory } from './static-server';

const bundles = process.argv.slice(2);
if (bundles.length < 1) {
	console.error('usage: pdf-hashes.ts <bundle>…');
	process.exit(2);
}

const browser = await launchBrowser();
const hashes: Record<string, string>[] = [];
try {
	for (const bundle of bundles) {
		const server = await serveDirectory(bundle);
		const page = await browser.newPage();
		try {
			await page.goto(server.url);
			await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
			const samples = await page.evaluate(async () =>
				Object.fromEntries(
					Object.entries(await window.billfoldBench.pdfSamples()).map(([name, bytes]) => [
						name,
						[...bytes]
					])
				)
			);
			const byName: Record<string, string> = {};
			for (const [name, bytes] of Object.entries(samples)) {
				byName[name] = createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
				console.log(`${bundle} ${name}: ${bytes.length} bytes, sha256 ${byName[name]}`);
			}
			hashes.push(byName);
		} finally {
			await page.close();
			await server.close();
		}
	}
} finally {
	await browser.close();
}
const [first, ...rest] = hashes;
const differing = Object.keys(first ?? {}).filter((name) =>
	rest.some((other) => other[name] !== first?.[name])
);
console.log(differing.length ? `differ: ${differing.join(', ')}` : 'all identical');
process.exit(differing.length ? 1 : 0);
