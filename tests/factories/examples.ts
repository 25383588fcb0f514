import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseInvoiceDocument, type InvoiceDocument } from '$lib/document';
import { renderInvoicePdf } from '$lib/pdf';
import { toUbl } from '$lib/ubl';

const EXAMPLES = resolve('examples');

/** The file names of the example documents in examples/, in order. */
export const exampleNames: readonly string[] = readdirSync(EXAMPLES)
	.filter((name) => name.endsWith('.json'))
	.sort();

export function readExample(name: string): InvoiceDocument {
	const parsed = parseInvoiceDocument(readFileSync(join(EXAMPLES, name), 'utf8'));
	if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
	return parsed.value;
}

/** The bytes of the document's attachments that examples/attachments holds, by attachment id. */
export function exampleAttachments(document: InvoiceDocument): Map<string, Uint8Array> {
	const contents = new Map<string, Uint8Array>();
	for (const attachment of document.attachments) {
		const path = join(EXAMPLES, 'attachments', attachment.fileName);
		if (existsSync(path)) contents.set(attachment.id, new Uint8Array(readFileSync(path)));
	}
	return contents;
}

/** The example's UBL as the CLI renders it, with the PDF and the attachments it embedded. */
export async function exampleAsSent(
	document: InvoiceDocument
): Promise<ReturnType<typeof toUbl> & { pdf: Uint8Array; attachments: Map<string, Uint8Array> }> {
	const pdf = (await renderInvoicePdf(document)).bytes;
	const attachments = exampleAttachments(document);
	return { ...toUbl(document, { pdf, attachmentContents: attachments }), pdf, attachments };
}
