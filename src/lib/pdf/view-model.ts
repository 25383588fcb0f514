/**
 * What an invoice PDF shows, with every string already formatted and translated. The layout
 * turns it into positioned drawing operations; nothing here knows about fonts or pages.
 * Plain data only, so it can cross a Web Worker boundary.
 */

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

/** A run of text with one style inside a rich-text paragraph. `\n` is a hard line break. */
export interface RichRun {
	text: string;
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	/** Target of a link mark (http, https or mailto only). */
	link?: string;
}

export type RichBlock =
	| {
			kind: 'paragraph';
			align: TextAlign;
			/** 1–6 for headings, absent for body text. */
			headingLevel?: number;
			/** Nesting depth of lists and quotes, each level indents the block. */
			indent: number;
			/** List marker drawn in the indent ("•", "3."). */
			marker?: string;
			runs: RichRun[];
	  }
	| {
			kind: 'image';
			align: TextAlign;
			indent: number;
			/** A data: URL (PNG or JPEG). Remote URLs are not fetched: the PDF is made offline. */
			src: string;
			/** Size the author gave in the editor, in CSS pixels; the image is scaled down to fit. */
			width?: number;
			height?: number;
	  }
	| { kind: 'rule'; indent: number };

export interface RichDocument {
	blocks: RichBlock[];
}

export interface PartyView {
	/** Small caption above the block ("Klant", "Client"). */
	caption: string;
	name: string;
	/** Address, identifiers and contact details, one per line. */
	lines: string[];
}

export interface LabelledValue {
	label: string;
	value: string;
}

export interface TableColumn {
	label: string;
	align: 'left' | 'right';
	/** The one column that takes the remaining width and wraps. */
	flexible?: boolean;
}

export type TableRow =
	| { kind: 'item'; cells: string[] }
	/** A text-only invoice line (heading or remark) spanning the table. */
	| { kind: 'text'; text: string };

export interface TableView {
	columns: TableColumn[];
	rows: TableRow[];
}

export interface VatSummaryView {
	title: string;
	/** Rate or category, taxable amount, VAT amount. */
	columns: [string, string, string];
	rows: [string, string, string][];
}

export interface TotalLine extends LabelledValue {
	/** Drawn bold with a rule above, for the amount to pay. */
	emphasis?: boolean;
}

export interface PaymentView {
	title: string;
	rows: LabelledValue[];
	/** EPC069-12 payload; a QR code is drawn when present. */
	epcPayload?: string;
	/** Caption under the QR code ("Scan to pay"). */
	qrCaption?: string;
}

export interface InvoicePdfView {
	/** Document title, e.g. "Factuur" or "Creditnota". */
	title: string;
	header?: RichDocument;
	footer?: RichDocument;
	seller: PartyView;
	buyer: PartyView;
	/** Number, dates, buyer VAT number, references. */
	metadata: LabelledValue[];
	table: TableView;
	vatSummary?: VatSummaryView;
	totals: TotalLine[];
	/** Full cash-discount sentence with percentage, amount, deadline and amount payable. */
	cashDiscount?: string;
	/** Legal mentions required by the VAT codes used (reverse charge, exemptions …). */
	mentions: string[];
	payment?: PaymentView;
	/** Running head on pages after the first, e.g. "Factuur 2026-0001". */
	continuation: string;
	/** Page number template with {page} and {pages}, e.g. "{page}/{pages}". */
	pageNumber: string;
	/** PDF document information. */
	info: { title: string; author: string; subject?: string; language: string };
}
