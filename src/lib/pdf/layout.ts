import type { Color, DocumentLayout, DrawOp, FontMetrics, FontStyle } from './draw-ops';
import { ImageRegistry } from './image-registry';
import { PageFlow, PdfLayoutError } from './page-flow';
import { epcQrMatrix, qrRuns } from './qr';
import { layoutRichDocument } from './rich-layout';
import { layoutTable } from './table-layout';
import { A4, COLORS, SIZES, type PageGeometry } from './theme';
import { Typesetter } from './typesetter';
import type {
	InvoicePdfView,
	LabelledValue,
	PartyView,
	PaymentView,
	RichDocument
} from './view-model';

const GAP = 14;
const QR_SIDE = 84;
const MAX_HEADER_IMAGE = 72;
const MAX_FOOTER_IMAGE = 28;

/** Everything one section needs to draw. */
interface Context {
	flow: PageFlow;
	typesetter: Typesetter;
	x: number;
	width: number;
}

function translate(ops: readonly DrawOp[], dy: number): DrawOp[] {
	return ops.map((op) => {
		switch (op.kind) {
			case 'line':
				return { ...op, y1: op.y1 + dy, y2: op.y2 + dy };
			case 'rects':
				return {
					...op,
					rects: op.rects.map((value, index) => (index % 4 === 1 ? value + dy : value))
				};
			default:
				return { ...op, y: op.y + dy };
		}
	});
}

/** Wraps and draws a paragraph at the cursor; returns its height. */
function paragraph(
	ops: DrawOp[],
	typesetter: Typesetter,
	options: {
		x: number;
		y: number;
		width: number;
		text: string;
		style: FontStyle;
		size: number;
		color: Color;
	}
): number {
	const lines = typesetter.wrap(options.text, options.style, options.size, options.width);
	const lineHeight = typesetter.lineHeight(options.size);
	lines.forEach((line, index) =>
		typesetter.place(ops, {
			...options,
			text: line,
			y: options.y + index * lineHeight + typesetter.baseline(options.size)
		})
	);
	return lines.length * lineHeight;
}

function party(
	ops: DrawOp[],
	typesetter: Typesetter,
	view: PartyView,
	x: number,
	y: number,
	width: number
): number {
	let height = paragraph(ops, typesetter, {
		x,
		y,
		width,
		text: view.caption,
		style: 'regular',
		size: SIZES.caption,
		color: COLORS.muted
	});
	height += paragraph(ops, typesetter, {
		x,
		y: y + height,
		width,
		text: view.name,
		style: 'bold',
		size: SIZES.partyName,
		color: COLORS.text
	});
	for (const line of view.lines) {
		height += paragraph(ops, typesetter, {
			x,
			y: y + height,
			width,
			text: line,
			style: 'regular',
			size: SIZES.body,
			color: COLORS.text
		});
	}
	return height;
}

function partiesAndTitle(view: InvoicePdfView, context: Context): void {
	const { flow, typesetter, x, width } = context;
	const columnWidth = width * 0.46;
	const sellerHeight = party(flow.ops, typesetter, view.seller, x, flow.y, columnWidth);
	const buyerHeight = party(
		flow.ops,
		typesetter,
		view.buyer,
		x + width * 0.54,
		flow.y,
		columnWidth
	);
	flow.y += Math.max(sellerHeight, buyerHeight) + GAP * 1.5;
	flow.y += paragraph(flow.ops, typesetter, {
		x,
		y: flow.y,
		width,
		text: view.title,
		style: 'bold',
		size: SIZES.title,
		color: COLORS.accent
	});
	flow.y += 4;
	metadataGrid(view.metadata, context);
}

/** Label above value, four cells to a row. */
function metadataGrid(entries: readonly LabelledValue[], context: Context): void {
	const { flow, typesetter, x, width } = context;
	const perRow = 4;
	const cellWidth = width / perRow;
	for (let start = 0; start < entries.length; start += perRow) {
		let rowHeight = 0;
		entries.slice(start, start + perRow).forEach((entry, column) => {
			const cellX = x + column * cellWidth;
			const innerWidth = cellWidth - 8;
			let height = paragraph(flow.ops, typesetter, {
				x: cellX,
				y: flow.y,
				width: innerWidth,
				text: entry.label,
				style: 'regular',
				size: SIZES.caption,
				color: COLORS.muted
			});
			height += paragraph(flow.ops, typesetter, {
				x: cellX,
				y: flow.y + height,
				width: innerWidth,
				text: entry.value,
				style: 'bold',
				size: SIZES.body,
				color: COLORS.text
			});
			rowHeight = Math.max(rowHeight, height);
		});
		flow.y += rowHeight + 6;
	}
	flow.y += GAP - 6;
}

const SUMMARY_FRACTIONS = [0.4, 0.3, 0.3] as const;

/** The VAT summary's rows with the first column wrapped, and the block's height. */
function vatSummaryRows(view: InvoicePdfView, typesetter: Typesetter, width: number) {
	const rows = (view.vatSummary?.rows ?? []).map((row) => ({
		label: typesetter.wrap(row[0], 'regular', SIZES.table, width * SUMMARY_FRACTIONS[0] - 4),
		values: [row[1], row[2]]
	}));
	const lineHeight = typesetter.lineHeight(SIZES.table);
	const height = view.vatSummary
		? lineHeight +
			typesetter.lineHeight(SIZES.tableHeader) +
			6 +
			rows.reduce((sum, row) => sum + row.label.length * lineHeight + 2, 0)
		: 0;
	return { rows, height };
}

function drawVatSummary(
	view: InvoicePdfView,
	ops: DrawOp[],
	typesetter: Typesetter,
	x: number,
	y: number,
	width: number
): void {
	const summary = view.vatSummary;
	if (!summary) return;
	const columnX = [
		x,
		x + width * SUMMARY_FRACTIONS[0],
		x + width * (SUMMARY_FRACTIONS[0] + SUMMARY_FRACTIONS[1])
	];
	const lineHeight = typesetter.lineHeight(SIZES.table);
	let top = y;
	typesetter.place(ops, {
		x,
		y: top + typesetter.baseline(SIZES.table),
		text: typesetter.fit(summary.title),
		style: 'bold',
		size: SIZES.table,
		color: COLORS.text
	});
	top += lineHeight;
	summary.columns.forEach((label, index) => {
		typesetter.place(ops, {
			x: columnX[index] ?? x,
			y: top + typesetter.baseline(SIZES.tableHeader),
			text: typesetter.fit(label),
			style: 'regular',
			size: SIZES.tableHeader,
			color: COLORS.muted,
			align: index === 0 ? 'left' : 'right',
			boxWidth: width * (SUMMARY_FRACTIONS[index] ?? 0)
		});
	});
	top += typesetter.lineHeight(SIZES.tableHeader) + 3;
	ops.push({
		kind: 'line',
		x1: x,
		y1: top,
		x2: x + width,
		y2: top,
		width: 0.4,
		color: COLORS.rule
	});
	top += 3;
	for (const row of vatSummaryRows(view, typesetter, width).rows) {
		row.label.forEach((line, index) => {
			typesetter.place(ops, {
				x,
				y: top + index * lineHeight + typesetter.baseline(SIZES.table),
				text: line,
				style: 'regular',
				size: SIZES.table,
				color: COLORS.text
			});
		});
		row.values.forEach((value, index) => {
			typesetter.place(ops, {
				x: columnX[index + 1] ?? x,
				y: top + typesetter.baseline(SIZES.table),
				text: typesetter.fit(value),
				style: 'regular',
				size: SIZES.table,
				color: COLORS.text,
				align: 'right',
				boxWidth: width * (SUMMARY_FRACTIONS[index + 1] ?? 0)
			});
		});
		top += row.label.length * lineHeight + 2;
	}
}

function totalsHeight(view: InvoicePdfView, typesetter: Typesetter): number {
	return view.totals.reduce(
		(sum, line) =>
			sum +
			typesetter.lineHeight(line.emphasis ? SIZES.emphasis : SIZES.body) +
			(line.emphasis ? 8 : 2),
		0
	);
}

function drawTotals(
	view: InvoicePdfView,
	ops: DrawOp[],
	typesetter: Typesetter,
	x: number,
	y: number,
	width: number
): void {
	let top = y;
	for (const line of view.totals) {
		const size = line.emphasis ? SIZES.emphasis : SIZES.body;
		const style: FontStyle = line.emphasis ? 'bold' : 'regular';
		if (line.emphasis) {
			top += 4;
			ops.push({
				kind: 'line',
				x1: x,
				y1: top,
				x2: x + width,
				y2: top,
				width: 0.8,
				color: COLORS.text
			});
			top += 4;
		}
		const baseline = top + typesetter.baseline(size);
		typesetter.place(ops, {
			x,
			y: baseline,
			text: typesetter.fit(line.label),
			style,
			size,
			color: COLORS.text
		});
		typesetter.place(ops, {
			x,
			y: baseline,
			text: typesetter.fit(line.value),
			style,
			size,
			color: COLORS.text,
			align: 'right',
			boxWidth: width
		});
		top += typesetter.lineHeight(size) + (line.emphasis ? 0 : 2);
	}
}

/** VAT summary on the left, totals on the right, kept on one page. */
function summaryAndTotals(view: InvoicePdfView, context: Context): void {
	const { flow, typesetter, x, width } = context;
	const height = Math.max(
		vatSummaryRows(view, typesetter, width * 0.5).height,
		totalsHeight(view, typesetter)
	);
	flow.y += GAP;
	flow.ensure(height);
	drawVatSummary(view, flow.ops, typesetter, x, flow.y, width * 0.5);
	drawTotals(view, flow.ops, typesetter, x + width * 0.58, flow.y, width * 0.42);
	flow.y += height + GAP;
}

/** Lines of small print, each line placed where room is left. */
function flowingParagraph(text: string, context: Context, size: number, color: Color): void {
	const { flow, typesetter, x, width } = context;
	const lineHeight = typesetter.lineHeight(size);
	for (const line of typesetter.wrap(text, 'regular', size, width)) {
		flow.ensure(lineHeight);
		typesetter.place(flow.ops, {
			x,
			y: flow.y + typesetter.baseline(size),
			text: line,
			style: 'regular',
			size,
			color
		});
		flow.y += lineHeight;
	}
}

function cashDiscount(text: string, context: Context): void {
	const { flow, typesetter, x, width } = context;
	const padding = 6;
	const lines = typesetter.wrap(text, 'regular', SIZES.body, width - 2 * padding);
	const height = lines.length * typesetter.lineHeight(SIZES.body) + 2 * padding;
	flow.ensure(height);
	flow.ops.push({ kind: 'rects', rects: [x, flow.y, width, height], color: COLORS.band });
	paragraph(flow.ops, typesetter, {
		x: x + padding,
		y: flow.y + padding,
		width: width - 2 * padding,
		text,
		style: 'regular',
		size: SIZES.body,
		color: COLORS.text
	});
	flow.y += height + GAP;
}

function payment(view: PaymentView, context: Context): void {
	const { flow, typesetter, x, width } = context;
	const matrix = view.epcPayload ? epcQrMatrix(view.epcPayload) : undefined;
	const textX = matrix ? x + QR_SIDE + GAP * 1.5 : x;
	const textWidth = x + width - textX;
	const labelWidth = Math.min(
		textWidth * 0.45,
		Math.max(
			0,
			...view.rows.map((row) => typesetter.width(typesetter.fit(row.label), 'regular', SIZES.body))
		) + 10
	);
	const rowHeights = view.rows.map(
		(row) =>
			typesetter.wrap(row.value, 'bold', SIZES.body, textWidth - labelWidth).length *
				typesetter.lineHeight(SIZES.body) +
			2
	);
	const textHeight =
		typesetter.lineHeight(SIZES.emphasis) + 4 + rowHeights.reduce((sum, value) => sum + value, 0);
	const qrHeight = matrix
		? QR_SIDE + (view.qrCaption ? typesetter.lineHeight(SIZES.caption) + 2 : 0)
		: 0;
	flow.ensure(Math.max(textHeight, qrHeight));
	const top = flow.y;
	if (matrix) {
		flow.ops.push({
			kind: 'qr',
			x,
			y: top,
			side: QR_SIDE,
			modules: matrix.size,
			runs: qrRuns(matrix)
		});
		if (view.qrCaption) {
			typesetter.place(flow.ops, {
				x,
				y: top + QR_SIDE + 2 + typesetter.baseline(SIZES.caption),
				text: typesetter.fit(view.qrCaption),
				style: 'regular',
				size: SIZES.caption,
				color: COLORS.muted,
				align: 'center',
				boxWidth: QR_SIDE
			});
		}
	}
	let y =
		top +
		paragraph(flow.ops, typesetter, {
			x: textX,
			y: top,
			width: textWidth,
			text: view.title,
			style: 'bold',
			size: SIZES.emphasis,
			color: COLORS.text
		}) +
		4;
	view.rows.forEach((row, index) => {
		paragraph(flow.ops, typesetter, {
			x: textX,
			y,
			width: labelWidth - 4,
			text: row.label,
			style: 'regular',
			size: SIZES.body,
			color: COLORS.muted
		});
		paragraph(flow.ops, typesetter, {
			x: textX + labelWidth,
			y,
			width: textWidth - labelWidth,
			text: row.value,
			style: 'bold',
			size: SIZES.body,
			color: COLORS.text
		});
		y += rowHeights[index] ?? 0;
	});
	flow.y = top + Math.max(textHeight, qrHeight) + GAP;
}

function richHeight(
	document: RichDocument | undefined,
	maxImageHeight: number,
	size: number,
	typesetter: Typesetter,
	images: ImageRegistry,
	geometry: PageGeometry
) {
	if (!document || document.blocks.length === 0) return { ops: [], height: 0 };
	return layoutRichDocument(
		document,
		{
			x: geometry.marginX,
			y: 0,
			width: geometry.width - 2 * geometry.marginX,
			size,
			color: COLORS.text,
			linkColor: COLORS.link,
			maxImageHeight
		},
		typesetter,
		images
	);
}

/** Turns the view model into positioned drawing operations on as many pages as needed. */
export function layoutInvoice(
	view: InvoicePdfView,
	metrics: FontMetrics,
	geometry: PageGeometry = A4
): DocumentLayout {
	const typesetter = new Typesetter(metrics);
	const images = new ImageRegistry();
	const x = geometry.marginX;
	const width = geometry.width - 2 * geometry.marginX;

	const header = richHeight(
		view.header,
		MAX_HEADER_IMAGE,
		SIZES.header,
		typesetter,
		images,
		geometry
	);
	const footer = richHeight(
		view.footer,
		MAX_FOOTER_IMAGE,
		SIZES.footer,
		typesetter,
		images,
		geometry
	);
	const footerTop = geometry.height - geometry.marginBottom - footer.height;
	const bodyBottom = footerTop - (footer.height > 0 ? GAP : 0);
	const firstTop = geometry.marginTop + header.height + (header.height > 0 ? GAP * 1.5 : 0);
	const continuationText = typesetter.fit(view.continuation);
	const continuationTop = geometry.marginTop + typesetter.lineHeight(SIZES.small) + GAP;
	if (bodyBottom - Math.max(firstTop, continuationTop) < 120) {
		throw new PdfLayoutError(
			'header',
			'the header and footer are too tall: they leave less than 120 pt for the invoice'
		);
	}

	const flow = new PageFlow(firstTop, continuationTop, bodyBottom, (ops) => {
		typesetter.place(ops, {
			x,
			y: geometry.marginTop + typesetter.baseline(SIZES.small),
			text: continuationText,
			style: 'regular',
			size: SIZES.small,
			color: COLORS.muted
		});
		const ruleY = geometry.marginTop + typesetter.lineHeight(SIZES.small) + 3;
		ops.push({
			kind: 'line',
			x1: x,
			y1: ruleY,
			x2: x + width,
			y2: ruleY,
			width: 0.4,
			color: COLORS.rule
		});
	});
	flow.ops.push(...translate(header.ops, geometry.marginTop));
	const context: Context = { flow, typesetter, x, width };

	partiesAndTitle(view, context);
	layoutTable(view.table, flow, x, width, typesetter);
	summaryAndTotals(view, context);
	for (const mention of view.mentions) {
		flowingParagraph(mention, context, SIZES.small, COLORS.muted);
		flow.y += 3;
	}
	if (view.mentions.length > 0) flow.y += GAP;
	if (view.cashDiscount) cashDiscount(view.cashDiscount, context);
	if (view.payment) payment(view.payment, context);

	const footerOps = translate(footer.ops, footerTop);
	const pages = flow.pages;
	pages.forEach((ops, index) => {
		if (footer.height > 0) {
			ops.push({
				kind: 'line',
				x1: x,
				y1: footerTop - GAP / 2,
				x2: x + width,
				y2: footerTop - GAP / 2,
				width: 0.4,
				color: COLORS.rule
			});
			ops.push(...footerOps);
		}
		const number = view.pageNumber
			.replace('{page}', String(index + 1))
			.replace('{pages}', String(pages.length));
		typesetter.place(ops, {
			x,
			y: geometry.height - geometry.marginBottom / 2 + typesetter.baseline(SIZES.pageNumber) / 2,
			text: typesetter.fit(number),
			style: 'regular',
			size: SIZES.pageNumber,
			color: COLORS.muted,
			align: 'right',
			boxWidth: width
		});
	});

	return {
		width: geometry.width,
		height: geometry.height,
		pages,
		images: images.images,
		fontStyles: [...typesetter.usedStyles],
		warnings: [...typesetter.warnings(), ...images.warnings]
	};
}
