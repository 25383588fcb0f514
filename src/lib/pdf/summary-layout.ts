import type { Color, DrawOp, FontStyle } from './draw-ops';
import { GAP, paragraph, type SectionContext } from './section-context';
import { COLORS, SIZES } from './theme';
import type { Typesetter } from './typesetter';
import type { InvoicePdfView } from './view-model';

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
export function summaryAndTotals(view: InvoicePdfView, context: SectionContext): void {
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
export function flowingParagraph(
	text: string,
	context: SectionContext,
	size: number,
	color: Color
): void {
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

export function cashDiscount(text: string, context: SectionContext): void {
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
