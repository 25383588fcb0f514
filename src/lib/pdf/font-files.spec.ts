import { zlibSync } from 'fflate';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fontFile } from './font-files';
import { renderInvoicePdf } from './index';
import { sampleInvoiceDocument } from './sample-invoice';

const CORE = ['regular', 'bold', 'italic', 'boldItalic'] as const;

/** The FontFile2 streams of a PDF: their Length1 (program length) and their stored bytes. */
async function fontPrograms(bytes: Uint8Array): Promise<{ length1: number; stored: Uint8Array }[]> {
	const document = await PDFDocument.load(bytes);
	const programs: { length1: number; stored: Uint8Array }[] = [];
	for (const [, object] of document.context.enumerateIndirectObjects()) {
		if (
			!(object instanceof PDFDict) ||
			object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')
		)
			continue;
		const file = document.context.lookup(object.get(PDFName.of('FontFile2')));
		if (!(file instanceof PDFRawStream)) continue;
		const length1 = file.dict.get(PDFName.of('Length1'));
		programs.push({
			length1: length1 instanceof PDFNumber ? length1.asNumber() : -1,
			stored: file.contents
		});
	}
	return programs;
}

describe('core font files', () => {
	it('ship exactly the stream the PDF filter would deflate their program to', async () => {
		for (const key of CORE) {
			const { program, deflated } = await fontFile(key);
			// A TrueType program (version 1.0), inflated from the shipped form.
			expect([...program.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
			expect(deflated).toEqual(zlibSync(program));
		}
	});

	it('are embedded whole, written from their build-time stream, in every PDF', async () => {
		const regular = await fontFile('regular');
		const bold = await fontFile('bold');
		const first = (await renderInvoicePdf(sampleInvoiceDocument())).bytes;
		const programs = await fontPrograms(first);
		expect(programs.map((program) => program.length1).sort()).toEqual(
			[regular.program.length, bold.program.length].sort()
		);
		for (const { length1, stored } of programs) {
			const file = length1 === regular.program.length ? regular : bold;
			expect(stored).toEqual(file.deflated);
		}
		// Another invoice, other glyphs: the same programs, so the same streams.
		const other = (await renderInvoicePdf(sampleInvoiceDocument(40))).bytes;
		expect((await fontPrograms(other)).map((program) => program.stored)).toEqual(
			programs.map((program) => program.stored)
		);
	});
});
