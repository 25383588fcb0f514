import { jsPDF } from 'jspdf';
import type { EmbeddedImage } from '$lib/document';
import type { Color, DocumentLayout, DrawOp, FontStyle, LayoutImage } from './draw-ops';
import { EmbeddedFonts, type FontFile } from './fonts';
import { processedImageOf } from './prepare-image';
import { installStreamFilters } from './stream-filters';
import { dropRtlTextHooks } from './text-hooks';

export interface PdfInfo {
	title: string;
	author: string;
	subject?: string | undefined;
	/** BCP 47, e.g. "nl-BE". */
	language: string;
	/** Written as CreationDate, so the same invoice always gives the same bytes. */
	createdAt: Date;
	/** 32 hex digits for the trailer /ID; derived from the invoice so output is reproducible. */
	fileId: string;
}

function pdfDate(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return (
		`D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
		`${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}+00'00'`
	);
}

type ImageProcessor = (
	this: unknown,
	data: Uint8Array,
	index: number,
	alias: string,
	...rest: unknown[]
) => Record<string, unknown> | undefined;

/** jsPDF's decoded PNGs (colour and alpha planes, deflated), by the bytes they came from. */
const processedPngs = new WeakMap<Uint8Array, Record<string, unknown>>();

/**
 * The stored images' processed forms, by key: decoded from base64 once per worker, and reused
 * while the stored image is the same (each worker request brings its own copy of it).
 */
const storedForms = new Map<string, { image: EmbeddedImage; form: Record<string, unknown> }>();
const STORED_FORMS_KEPT = 8;

function storedForm(image: EmbeddedImage): Record<string, unknown> {
	const known = storedForms.get(image.key);
	if (known && known.image.data === image.data && known.image.sMask === image.sMask)
		return known.form;
	const form = { ...processedImageOf(image) };
	storedForms.delete(image.key);
	if (storedForms.size >= STORED_FORMS_KEPT)
		storedForms.delete(storedForms.keys().next().value ?? '');
	storedForms.set(image.key, { image, form });
	return form;
}

/**
 * jsPDF inflates, splits and deflates a PNG with alpha for every document: for a logo that is
 * most of the render time. An image stored in its embedded form (the seller's logo, prepared when
 * it was saved) is handed over as it is; any other PNG is processed once per image bytes and its
 * result reused, each time with this document's alias and index.
 */
function reuseProcessedImages(
	doc: jsPDF,
	layoutImages: readonly LayoutImage[],
	stored: readonly EmbeddedImage[]
): void {
	const byBytes = new Map<Uint8Array, Record<string, unknown>>();
	for (const image of layoutImages) {
		const form = stored.find((candidate) => candidate.key === image.key);
		if (form) byBytes.set(image.bytes, storedForm(form));
	}
	const target = doc as unknown as Record<string, ImageProcessor | undefined>;
	for (const name of ['processPNG', 'processJPEG'] as const) {
		const process = target[name];
		if (typeof process !== 'function') continue;
		target[name] = function (data, index, alias, ...rest) {
			const ready = byBytes.get(data);
			if (ready) return { ...ready, alias, index };
			if (name === 'processJPEG') return process.call(this, data, index, alias, ...rest);
			let processed = processedPngs.get(data);
			if (!processed) {
				processed = process.call(this, data, index, alias, ...rest);
				if (!processed) return undefined;
				processedPngs.set(data, processed);
			}
			return { ...processed, alias, index };
		};
	}
}

const decimals = (value: number) => String(Math.round(value * 100) / 100);

/**
 * One path in module units under a scaling transform (y flipped to PDF space), filled once:
 * a few kilobytes instead of hundreds of absolute rectangles. Written with jsPDF's plugin
 * `internal.write`; if that ever disappears, absolute rectangles are drawn instead.
 */
function drawQr(doc: jsPDF, op: Extract<DrawOp, { kind: 'qr' }>, pageHeight: number): void {
	const module = op.side / op.modules;
	const internal = doc.internal as unknown as { write?: (...parts: string[]) => void };
	if (typeof internal.write !== 'function') {
		doc.setFillColor(0, 0, 0);
		for (let index = 0; index + 2 < op.runs.length; index += 3) {
			const [column = 0, row = 0, length = 0] = op.runs.slice(index, index + 3);
			doc.rect(op.x + column * module, op.y + row * module, length * module, module, null);
		}
		doc.fill();
		return;
	}
	const parts = [
		'q',
		'0 g',
		`${decimals(module)} 0 0 ${decimals(-module)} ${decimals(op.x)} ${decimals(pageHeight - op.y)} cm`
	];
	for (let index = 0; index + 2 < op.runs.length; index += 3) {
		parts.push(`${op.runs[index]} ${op.runs[index + 1]} ${op.runs[index + 2]} 1 re`);
	}
	parts.push('f', 'Q');
	internal.write(parts.join('\n'));
}

/** Draws a laid-out invoice with jsPDF (vector text and shapes) and returns the PDF bytes. */
export function drawLayout(
	layout: DocumentLayout,
	fonts: EmbeddedFonts,
	info: PdfInfo,
	/** Images stored in their embedded form (the seller's logo): written without processing. */
	storedImages: readonly EmbeddedImage[] = []
): Uint8Array {
	installStreamFilters();
	dropRtlTextHooks();
	const doc = new jsPDF({
		unit: 'pt',
		format: [layout.width, layout.height],
		orientation: layout.width > layout.height ? 'landscape' : 'portrait',
		compress: true,
		putOnlyUsedFonts: true,
		// jsPDF writes 16 decimals by default; a hundredth of a point is far below what prints.
		floatPrecision: 2
	});
	doc.setCreationDate(pdfDate(info.createdAt));
	doc.setFileId(info.fileId);
	doc.setProperties({
		title: info.title,
		author: info.author,
		subject: info.subject ?? '',
		creator: 'Billfold'
	});
	// The document language lets screen readers and text extractors pick the right rules.
	doc.setLanguage(info.language as Parameters<jsPDF['setLanguage']>[0]);
	fonts.register(doc, layout.fontStyles);
	reuseProcessedImages(doc, layout.images, storedImages);

	const images = new Map(layout.images.map((image) => [image.id, image]));
	let font: `${FontFile}:${FontStyle}` | undefined;
	let size: number | undefined;
	let textColor: Color | undefined;
	layout.pages.forEach((ops, pageIndex) => {
		if (pageIndex > 0) doc.addPage([layout.width, layout.height]);
		for (const op of ops) {
			switch (op.kind) {
				case 'text': {
					if (op.size !== size) {
						doc.setFontSize(op.size);
						size = op.size;
					}
					if (op.color !== textColor) {
						doc.setTextColor(op.color[0], op.color[1], op.color[2]);
						textColor = op.color;
					}
					// Extended letters and emoji come from their own fonts: each piece is drawn where
					// the last one ended.
					let x = op.x;
					for (const run of fonts.runs(op.text)) {
						const wanted = `${run.file}:${op.style}` as const;
						if (wanted !== font) {
							doc.setFont(...EmbeddedFonts.jsPdfFont(run.file, op.style));
							font = wanted;
						}
						doc.text(run.text, x, op.y);
						x += fonts.widthOf(run.text, op.style) * op.size;
					}
					break;
				}
				case 'rects':
					doc.setFillColor(op.color[0], op.color[1], op.color[2]);
					for (let index = 0; index + 3 < op.rects.length; index += 4) {
						doc.rect(
							op.rects[index] ?? 0,
							op.rects[index + 1] ?? 0,
							op.rects[index + 2] ?? 0,
							op.rects[index + 3] ?? 0,
							null
						);
					}
					doc.fill();
					break;
				case 'line':
					doc.setDrawColor(op.color[0], op.color[1], op.color[2]);
					doc.setLineWidth(op.width);
					doc.line(op.x1, op.y1, op.x2, op.y2);
					break;
				case 'image': {
					const image = images.get(op.imageId);
					if (image)
						doc.addImage(
							image.bytes,
							image.format,
							op.x,
							op.y,
							op.width,
							op.height,
							image.id,
							'FAST'
						);
					break;
				}
				case 'qr':
					drawQr(doc, op, layout.height);
					break;
				case 'link':
					doc.link(op.x, op.y, op.width, op.height, { url: op.url });
					break;
			}
		}
	});
	return new Uint8Array(doc.output('arraybuffer'));
}
