import type { z } from 'zod';
import { invoiceDocumentSchema, type InvoiceDocument } from './invoice-document';

export interface FieldError {
	/** Dotted path with indexes, e.g. "lines.2.unitPrice"; "" for the document itself. */
	path: string;
	message: string;
}

export type ParseResult =
	{ ok: true; value: InvoiceDocument } | { ok: false; errors: FieldError[] };

function toFieldErrors(error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		message: issue.message
	}));
}

/** Reads an invoice document from JSON text or an already parsed value, reporting every field error. */
export function parseInvoiceDocument(json: unknown): ParseResult {
	let value = json;
	if (typeof json === 'string') {
		try {
			value = JSON.parse(json);
		} catch (error) {
			return {
				ok: false,
				errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]
			};
		}
	}
	const result = invoiceDocumentSchema.safeParse(value);
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, errors: toFieldErrors(result.error) };
}
