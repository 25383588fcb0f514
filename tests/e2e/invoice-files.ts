import type { ParsedMail } from 'mailparser';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A small real PDF with the given lines of text, one page each. */
export async function textPdf(pages: readonly string[]): Promise<Buffer> {
	const document = await PDFDocument.create();
	const font = await document.embedFont(StandardFonts.Helvetica);
	for (const text of pages) {
		const page = document.addPage([595, 842]);
		page.drawText(text, { x: 50, y: 780, size: 14, font });
	}
	return Buffer.from(await document.save());
}

/** A file that is a valid PDF start but larger than the 2 MB attachment limit. */
export function oversizedPdf(bytes = 2 * 1024 * 1024 + 1): Buffer {
	const buffer = Buffer.alloc(bytes, 0x20);
	buffer.write('%PDF-1.7\n', 0, 'latin1');
	return buffer;
}

/** Every To address of a parsed message. */
export function recipients(mail: ParsedMail): string[] {
	const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
	return to.flatMap((group) => group.value.map((address) => address.address ?? ''));
}
