import {
	AFRelationship,
	decodePDFRawStream,
	ParseSpeeds,
	PDFArray,
	PDFDict,
	PDFDocument,
	PDFName,
	PDFRawStream,
	PDFRef,
	PDFStream,
	type PDFObject
} from 'pdf-lib';
import type { PdfWarning } from './draw-ops';

export type TermsPdfError = 'not-a-pdf' | 'corrupt' | 'encrypted' | 'empty';

export type TermsPdfCheck =
	{ ok: true; pageCount: number } | { ok: false; error: TermsPdfError; message: string };

const MESSAGES: Record<TermsPdfError, string> = {
	'not-a-pdf': 'The terms of sale must be a PDF file.',
	corrupt: 'The terms-of-sale PDF is damaged or incomplete; export it again and re-upload it.',
	encrypted:
		'The terms-of-sale PDF is password-protected or encrypted; save an unprotected copy and upload that.',
	empty: 'The terms-of-sale PDF has no pages.'
};

function failure(error: TermsPdfError): TermsPdfCheck {
	return { ok: false, error, message: MESSAGES[error] };
}

function contains(bytes: Uint8Array, from: number, to: number, marker: string): boolean {
	const codes = [...marker].map((character) => character.charCodeAt(0));
	const end = Math.min(to, bytes.length) - codes.length;
	for (let start = Math.max(0, from); start <= end; start += 1) {
		if (codes.every((code, offset) => bytes[start + offset] === code)) return true;
	}
	return false;
}

const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;

const PARENT = PDFName.of('Parent');
const CONTENTS = PDFName.of('Contents');

const FLATE = PDFName.of('FlateDecode');

/** Content streams are Flate-compressed or plain in practice; others are not checked. */
function flateOrPlain(stream: PDFRawStream): boolean {
	const filter = stream.dict.lookup(PDFName.of('Filter'));
	if (filter === undefined) return true;
	const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
	return filters.every((name) => name === FLATE);
}

/**
 * pdf-lib reads past damage: objects it cannot parse just go missing. So every object the pages
 * refer to (resources, fonts, images, content) must exist, and each content stream must decode.
 */
function pagesIntact(document: PDFDocument): boolean {
	const seen = new Set<PDFObject>();
	const visit = (object: PDFObject | undefined, isContent: boolean): boolean => {
		if (object === undefined) return false;
		if (seen.has(object)) return true;
		seen.add(object);
		if (object instanceof PDFRef) return visit(document.context.lookup(object), isContent);
		if (object instanceof PDFArray) return object.asArray().every((item) => visit(item, isContent));
		const dict =
			object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
		if (isContent && object instanceof PDFRawStream && flateOrPlain(object)) {
			try {
				decodePDFRawStream(object).decode();
			} catch {
				return false;
			}
		}
		if (!dict) return true;
		return dict.entries().every(([key, value]) => key === PARENT || visit(value, key === CONTENTS));
	};
	try {
		return document.getPages().every((page) => visit(page.node, false));
	} catch {
		return false;
	}
}

/** Parsed terms PDFs, so the live preview does not parse the same file on every keystroke. */
const parsedTerms = new WeakMap<Uint8Array, Promise<PDFDocument | TermsPdfCheck>>();

async function parseTerms(bytes: Uint8Array): Promise<PDFDocument | TermsPdfCheck> {
	if (bytes.length === 0) return failure('empty');
	// The header may follow a little junk (PDF 1.7 §7.5.2 readers look in the first 1024 bytes).
	if (!contains(bytes, 0, 1024, '%PDF-')) return failure('not-a-pdf');
	// A file cut off in transfer loses its trailer; pdf-lib alone would still read what is left.
	if (!contains(bytes, bytes.length - 2048, bytes.length, '%%EOF')) return failure('corrupt');
	let terms: PDFDocument;
	try {
		terms = await PDFDocument.load(bytes, {
			...LOAD,
			ignoreEncryption: true,
			throwOnInvalidObject: true
		});
	} catch {
		return failure('corrupt');
	}
	if (terms.isEncrypted) return failure('encrypted');
	if (terms.getPageCount() === 0) return failure('empty');
	if (!pagesIntact(terms)) return failure('corrupt');
	return terms;
}

function termsDocument(bytes: Uint8Array): Promise<PDFDocument | TermsPdfCheck> {
	let parsed = parsedTerms.get(bytes);
	if (!parsed) {
		parsed = parseTerms(bytes);
		parsedTerms.set(bytes, parsed);
	}
	return parsed;
}

/**
 * Checks an uploaded terms-of-sale file: it must be an unencrypted, complete PDF with at least
 * one page. Used at upload, so a bad file is refused with a clear message before any invoice.
 */
export async function checkTermsPdf(bytes: Uint8Array): Promise<TermsPdfCheck> {
	const result = await termsDocument(bytes);
	return result instanceof PDFDocument ? { ok: true, pageCount: result.getPageCount() } : result;
}

export interface PdfParts {
	/** Appended as page 2 onwards. */
	terms?: Uint8Array | undefined;
	/** Embedded as a file attachment (the structured invoice travels inside the PDF). */
	ubl?: { xml: string | Uint8Array; fileName: string; description: string } | undefined;
	/** Dates of the attachment, so the same invoice gives the same bytes. */
	createdAt: Date;
}

export interface AssembledPdf {
	bytes: Uint8Array;
	pageCount: number;
	warnings: PdfWarning[];
}

/**
 * Appends the terms of sale and attaches the UBL. A terms file that fails the check is left out
 * with a warning: the invoice itself is never broken by it.
 */
export async function assemblePdf(invoice: Uint8Array, parts: PdfParts): Promise<AssembledPdf> {
	const warnings: PdfWarning[] = [];
	const document = await PDFDocument.load(invoice, LOAD);
	if (parts.terms) {
		const terms = await termsDocument(parts.terms);
		if (terms instanceof PDFDocument) {
			for (const page of await document.copyPages(terms, terms.getPageIndices()))
				document.addPage(page);
		} else if (!terms.ok) {
			warnings.push({
				code: 'terms-skipped',
				message: `terms of sale not appended: ${terms.message}`
			});
		}
	}
	if (parts.ubl) {
		const xml =
			typeof parts.ubl.xml === 'string' ? new TextEncoder().encode(parts.ubl.xml) : parts.ubl.xml;
		await document.attach(xml, parts.ubl.fileName, {
			mimeType: 'application/xml',
			description: parts.ubl.description,
			creationDate: parts.createdAt,
			modificationDate: parts.createdAt,
			afRelationship: AFRelationship.Alternative
		});
	}
	const bytes = await document.save({ objectsPerTick: Infinity });
	return { bytes, pageCount: document.getPageCount(), warnings };
}
