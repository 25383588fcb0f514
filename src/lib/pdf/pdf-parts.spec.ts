import { readFileSync } from 'node:fs';
import { jsPDF } from 'jspdf';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkTermsPdf } from './index';
import { assemblePdf } from './pdf-parts';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pdf/${name}`, import.meta.url)));
const terms = fixture('terms-of-sale.pdf');

function encryptedPdf(): Uint8Array {
	const doc = new jsPDF({
		encryption: { userPassword: 'secret', ownerPassword: 'owner', userPermissions: ['print'] }
	});
	doc.text('Algemene voorwaarden', 20, 20);
	return new Uint8Array(doc.output('arraybuffer'));
}

/** Keeps header and trailer but overwrites the middle, as a broken download or disk would. */
function damagedInTheMiddle(bytes: Uint8Array): Uint8Array {
	const copy = bytes.slice();
	const from = Math.floor(copy.length * 0.2);
	for (let index = from; index < from + Math.floor(copy.length * 0.5); index += 1)
		copy[index] = 0x41;
	return copy;
}

describe('checkTermsPdf', () => {
	it('accepts a real terms-of-sale PDF and counts its pages', async () => {
		expect(await checkTermsPdf(terms)).toEqual({ ok: true, pageCount: 2 });
	});

	it('refuses a file that is not a PDF', async () => {
		for (const bytes of [fixture('logo.png'), new TextEncoder().encode('Algemene voorwaarden\n')]) {
			expect(await checkTermsPdf(bytes)).toEqual({
				ok: false,
				error: 'not-a-pdf',
				message: expect.stringContaining('must be a PDF')
			});
		}
	});

	it('refuses a truncated PDF and one damaged in the middle as corrupt', async () => {
		for (const bytes of [
			terms.slice(0, Math.floor(terms.length * 0.6)),
			damagedInTheMiddle(terms)
		]) {
			expect(await checkTermsPdf(bytes)).toMatchObject({ ok: false, error: 'corrupt' });
		}
	});

	it('refuses an encrypted PDF', async () => {
		expect(await checkTermsPdf(encryptedPdf())).toMatchObject({
			ok: false,
			error: 'encrypted',
			message: expect.stringContaining('password')
		});
	});

	it('refuses an empty file and a PDF without pages', async () => {
		const noPages = await (await PDFDocument.create()).save({ addDefaultPage: false });
		for (const bytes of [new Uint8Array(0), noPages]) {
			expect(await checkTermsPdf(bytes)).toMatchObject({ ok: false, error: 'empty' });
		}
	});
});

describe('assemblePdf', () => {
	it('appends the terms after the invoice pages, in order', async () => {
		const invoice = new jsPDF();
		invoice.text('Factuur 1', 20, 20);
		invoice.addPage();
		invoice.text('Factuur 2', 20, 20);
		const result = await assemblePdf(new Uint8Array(invoice.output('arraybuffer')), {
			terms,
			createdAt: new Date('2026-03-16T00:00:00Z')
		});
		expect(result.pageCount).toBe(4);
		expect(result.warnings).toEqual([]);
		const merged = await PDFDocument.load(result.bytes);
		const original = await PDFDocument.load(terms);
		expect(merged.getPage(2).getSize()).toEqual(original.getPage(0).getSize());
	});

	it('skips an encrypted terms file with a warning and keeps the invoice intact', async () => {
		const invoice = new Uint8Array(new jsPDF().output('arraybuffer'));
		const result = await assemblePdf(invoice, {
			terms: encryptedPdf(),
			createdAt: new Date('2026-03-16T00:00:00Z')
		});
		expect(result.pageCount).toBe(1);
		expect(result.warnings).toEqual([
			{ code: 'terms-skipped', message: expect.stringContaining('password') }
		]);
	});
});
