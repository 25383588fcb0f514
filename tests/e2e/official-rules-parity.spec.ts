// The same engine on the same data in Node and in Chromium: the built rules worker (the file the
// app ships) validates every official example, every examples/*.json rendered as the app renders
// it, and the documents broken on purpose, with exactly the findings Node gives.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseInvoiceDocument, type InvoiceDocument } from '../../src/lib/document';
import type { ValidationResult } from '../../src/lib/peppol-rules';
import { DATA_DIR, nodeValidator } from '../../src/lib/peppol-rules/node';
import { toUbl } from '../../src/lib/ubl';
import { expect, test } from './fixtures';

const EXAMPLES = resolve('examples');
const WORKERS = resolve('build/_app/immutable/workers');

function renderedExample(name: string): string {
	const parsed = parseInvoiceDocument(readFileSync(join(EXAMPLES, name), 'utf8'));
	if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
	const document: InvoiceDocument = parsed.value;
	const attachmentContents = new Map<string, Uint8Array>();
	for (const attachment of document.attachments) {
		const path = join(EXAMPLES, 'attachments', attachment.fileName);
		if (existsSync(path)) attachmentContents.set(attachment.id, readFileSync(path));
	}
	return toUbl(document, { attachmentContents }).xml;
}

function documents(): { name: string; xml: string }[] {
	const official = readdirSync(join(DATA_DIR, 'examples'))
		.filter((name) => name.endsWith('.xml'))
		.map((name) => ({ name, xml: readFileSync(join(DATA_DIR, 'examples', name), 'utf8') }));
	const ours = readdirSync(EXAMPLES)
		.filter((name) => name.endsWith('.json'))
		.map((name) => ({ name, xml: renderedExample(name) }));
	const fixtures = readdirSync('tests/fixtures/peppol')
		.filter((name) => name.endsWith('.xml'))
		.map((name) => ({ name, xml: readFileSync(join('tests/fixtures/peppol', name), 'utf8') }));
	return [...official, ...ours, ...fixtures];
}

test('the built worker in Chromium gives the findings Node gives, document by document', async ({
	page
}) => {
	test.setTimeout(600_000);
	const entry = readdirSync(WORKERS).find((name) => /^worker-[\w-]+\.js$/.test(name));
	expect(entry, 'the built app has the rules worker').toBeDefined();
	const docs = documents();
	expect(docs.length).toBeGreaterThanOrEqual(10 + 15 + 6);

	const validator = await nodeValidator();
	const inNode = docs.map(({ xml }) => validator.validate(xml));
	expect(
		inNode.some((result) => result.fatal.length > 0),
		'some documents are broken'
	).toBe(true);

	await page.goto('/');
	const inChromium = await page.evaluate(
		async ({ url, xmls }) => {
			const worker = new Worker(url, { type: 'module' });
			const results: unknown[] = [];
			for (const [id, xml] of xmls.entries()) {
				results.push(
					await new Promise((resolve, reject) => {
						worker.onmessage = (event: MessageEvent<{ type: string; result?: unknown }>) =>
							event.data.type === 'result'
								? resolve(event.data.result)
								: reject(new Error(JSON.stringify(event.data)));
						worker.onerror = (event) => reject(new Error(event.message));
						worker.postMessage({ type: 'validate', id, xml });
					})
				);
			}
			worker.terminate();
			return results;
		},
		{ url: `/_app/immutable/workers/${entry}`, xmls: docs.map(({ xml }) => xml) }
	);

	for (const [index, { name }] of docs.entries()) {
		expect(inChromium[index] as ValidationResult, name).toEqual(inNode[index]);
	}
});
