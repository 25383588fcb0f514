// Golden files: the exact UBL of two examples. A change in the output shows up as a diff to
// review; regenerate deliberately with UPDATE_GOLDEN=1 npx vitest run tests/integration/ubl-golden.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInvoiceDocument } from '$lib/document';
import { toUbl } from '$lib/ubl';

const GOLDEN = [
	['08-cash-discount-two-rates.json', 'DL-2026-0230.xml'],
	['09-credit-note.json', 'CN-2026-0003.xml']
] as const;

describe('UBL golden files', () => {
	it.each(GOLDEN)('%s renders exactly tests/fixtures/ubl/%s', (example, golden) => {
		const parsed = parseInvoiceDocument(readFileSync(resolve('examples', example), 'utf8'));
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const { xml } = toUbl(parsed.value);
		const path = join(resolve('tests/fixtures/ubl'), golden);
		if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, xml);
		expect(xml).toBe(readFileSync(path, 'utf8'));
	});
});
