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
	}, 300_000);

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
	}, 300_000);

	it('exits 5 naming the field and the rule for documents that are not valid', async () => {
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
		// a legal check the app runs before saving: the buyer's VAT number has a wrong check digit
		const badBuyerVat = writeDocument('bad-buyer-vat.json', (document) => {
			(document.buyer as Record<string, unknown>).vatNumber = 'BE0123456748';
		});
		// an unknown key is named, not dropped (a misspelt cashDiscount used to vanish)
		const misspelt = writeDocument('misspelt.json', (document) => {
			document.cashdiscount = { percent: '2', days: 10 };
			(document.seller as Record<string, unknown>).vatNumbr = 'BE0123456749';
		});
		const out = join(work, 'invalid');
		const { code, output } = await render(invalid, mixed, badBuyerVat, misspelt, '--out-dir', out);
		expect(output).toContain('seller.enterpriseNumber: must be 10 digits starting with 0 or 1');
		expect(output).toMatch(/lines: .*\(BR-O-11\)/);
		expect(output).toMatch(/buyer\.vatNumber: .*\(BE-VAT-NUMBER-INVALID\)/);
		expect(output).toContain('(document): Unrecognized key: "cashdiscount"');
		expect(output).toContain('seller: Unrecognized key: "vatNumbr"');
		expect(code).toBe(5);
		expect(existsSync(join(out, 'EV-2026-0107.xml'))).toBe(false);
	}, 300_000);

	it('exits 4 for a file that is not JSON or cannot be read', async () => {
		const notJson = join(work, 'not-json.json');
		writeFileSync(notJson, '{"format": ');
		const { code, output } = await render(notJson, join(work, 'missing.json'));
		expect(output).toContain(`✖ ${notJson}: cannot read it as JSON`);
		expect(output).toContain(`✖ ${join(work, 'missing.json')}: cannot read it as JSON (ENOENT`);
		expect(code).toBe(4);
	}, 300_000);

	it('exits 2 with the usage when no document is given or an option is unknown', async () => {
		const none = await render();
		expect(none.output).toContain('usage: npm run render -- <document.json>');
		expect(none.code).toBe(2);
		const unknown = await render('--bogus', resolve('examples/02-mixed-rates.json'));
		expect(unknown.output).toContain("Unknown option '--bogus'");
		expect(unknown.code).toBe(2);
	}, 300_000);
});
