// The render CLI end to end: files written, findings printed, exit status per outcome.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'billfold-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function render(...args: string[]): Promise<{ code: number; output: string }> {
	return new Promise((done) => {
		execFile(
			resolve('node_modules/.bin/tsx'),
			[resolve('scripts/render.ts'), ...args],
			{ cwd: resolve('.') },
			(error, stdout, stderr) => {
				const code = error
					? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1)
					: 0;
				done({ code, output: `${stdout}${stderr}` });
			}
		);
	});
}

function writeDocument(name: string, edit: (document: Record<string, unknown>) => void): string {
	const document = JSON.parse(readFileSync(resolve('examples/02-mixed-rates.json'), 'utf8'));
	edit(document);
	const path = join(work, name);
	writeFileSync(path, JSON.stringify(document));
	return path;
}

describe.concurrent('npm run render', () => {
	it('writes <number>.pdf and <number>.xml for valid documents, prints findings, exits 0', async () => {
		const out = join(work, 'valid');
		const { code, output } = await render(
			resolve('examples/09-credit-note.json'),
			resolve('examples/11-dutch-buyer.json'),
			'--out-dir',
			out
		);
		expect(output).toContain('✔ 09-credit-note.json');
		expect(output).toContain('(0 fatal, 0 warnings)');
		expect(code).toBe(0);
		const xml = readFileSync(join(out, 'CN-2026-0003.xml'), 'utf8');
		expect(xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
		// The PDF written next to the UBL is the one embedded in it.
		const pdf = readFileSync(join(out, 'CN-2026-0003.pdf'));
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const embedded = /mimeCode="application\/pdf" filename="CN-2026-0003\.pdf">([^<]+)</.exec(xml);
		expect(embedded?.[1]).toBe(pdf.toString('base64'));
		// The Dutch example's timesheet is read from examples/attachments and embedded.
		expect(readFileSync(join(out, '2026-0063.xml'), 'utf8')).toContain(
			'filename="urenstaat-april-2026.csv"'
		);
	}, 120_000);

	it('exits 1 and prints the rule when the UBL has a fatal finding', async () => {
		const path = writeDocument('bad-vatex.json', (document) => {
			const [code] = document.vatCodes as Record<string, unknown>[];
			Object.assign(code ?? {}, {
				category: 'E',
				rate: '0',
				vatex: 'VATEX-BE-UNKNOWN',
				exemptionReason: { nl: 'x', fr: 'x', en: 'x', de: 'x' }
			});
		});
		const { code, output } = await render(path, '--out-dir', join(work, 'fatal'));
		expect(output).toMatch(/✖ bad-vatex\.json .*\(1 fatal, 0 warnings\)/);
		expect(output).toContain('[fatal] BR-CL-22');
		expect(code).toBe(1);
	}, 120_000);

	it('exits 2 naming the field and the rule for a document that is not valid', async () => {
		const invalid = writeDocument('invalid.json', (document) => {
			(document.seller as Record<string, unknown>).enterpriseNumber = '12345';
		});
		const mixed = writeDocument('mixed-o.json', (document) => {
			(document.vatCodes as Record<string, unknown>[]).push({
				id: 'O-OUTSIDE-SCOPE',
				rate: '0',
				category: 'O',
				vatex: 'VATEX-EU-O',
				exemptionReason: { nl: 'o', fr: 'o', en: 'o', de: 'o' },
				label: { nl: 'o', fr: 'o', en: 'o', de: 'o' }
			});
			(document.lines as Record<string, unknown>[]).push({
				type: 'item',
				description: 'Outside scope',
				quantity: '1',
				unitCode: 'C62',
				unitPrice: '1',
				vatCodeId: 'O-OUTSIDE-SCOPE'
			});
		});
		const { code, output } = await render(invalid, mixed, '--out-dir', join(work, 'invalid'));
		expect(output).toContain('seller.enterpriseNumber: must be 10 digits starting with 0 or 1');
		expect(output).toMatch(/lines\.\d+\.vatCodeId: .*\(BR-O-11\)/);
		expect(code).toBe(2);
		expect(existsSync(join(work, 'invalid', 'EV-2026-0107.xml'))).toBe(false);
	}, 120_000);

	it('exits 2 with the usage when no document is given', async () => {
		const { code, output } = await render();
		expect(output).toContain('usage: npm run render -- <document.json>');
		expect(code).toBe(2);
	}, 60_000);
});
