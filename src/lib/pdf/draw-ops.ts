/**
 * Positioned drawing operations, the output of the layout and the only input of the renderer.
 * Units are PDF points, the origin is the top-left corner of the page, text y is the baseline.
 */

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** RGB, 0–255. */
export type Color = readonly [number, number, number];

export type DrawOp =
	| {
			kind: 'text';
			x: number;
			y: number;
			text: string;
			style: FontStyle;
			size: number;
			color: Color;
	  }
	/** One filled path made of rectangles (bands behind the table header and the cash discount). */
	| { kind: 'rects'; rects: number[]; color: Color }
	| { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: Color }
	| { kind: 'image'; x: number; y: number; width: number; height: number; imageId: string }
	/** A QR code `side` points wide; `runs` are dark runs (column, row, length) in module units. */
	| { kind: 'qr'; x: number; y: number; side: number; modules: number; runs: number[] }
	| { kind: 'link'; x: number; y: number; width: number; height: number; url: string };

/** An image used on one or more pages, embedded once. */
export interface LayoutImage {
	id: string;
	format: 'PNG' | 'JPEG';
	bytes: Uint8Array;
	/** imageKey() of its data: URL. */
	key: string;
}

/** Something the PDF shows differently from the data; the invoice is still complete and valid. */
export interface PdfWarning {
	code: 'glyph-fallback' | 'image-skipped' | 'qr-skipped' | 'terms-skipped';
	message: string;
}

export interface DocumentLayout {
	width: number;
	height: number;
	pages: DrawOp[][];
	images: LayoutImage[];
	/** Font styles that occur in text operations; only these are embedded. */
	fontStyles: FontStyle[];
	warnings: PdfWarning[];
}

/** Font measurements the layout needs; the PDF renderer backs it with the embedded fonts. */
export interface FontMetrics {
	/** Advance width of `text` at a font size of 1: its code units' advances, summed in order, / 1000. */
	widthOf(text: string, style: FontStyle): number;
	/** Advance of one UTF-16 code unit in thousandths of the font size. */
	advance(codeUnit: number, style: FontStyle): number;
	/** Whether the fonts have a glyph for this UTF-16 code unit. */
	covers(codeUnit: number): boolean;
	/** Ascender and descender (positive) as fractions of the font size. */
	ascent: number;
	descent: number;
}
