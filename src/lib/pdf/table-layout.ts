import type { DrawOp } from './draw-ops';
import { PdfLayoutError, type PageFlow } from './page-flow';
import { COLORS, SIZES } from './theme';
import type { Typesetter } from './typesetter';
import type { TableView } from './view-model';

const PAD_X = 4;
const PAD_Y = 3.5;
/** The wrapping column keeps at least this share of the width, whatever the amounts need. */
const MIN_FLEXIBLE_SHARE = 0.3;

interface Column {
	x: number;
	width: number;
	align: 'left' | 'right';
}

function columnLayout(
	table: TableView,
	x: number,
	width: number,
	typesetter: Typesetter
): Column[] {
	const natural = table.columns.map((column, index) => {
		if (column.flexible) return 0;
		let widest = typesetter.width(typesetter.fit(column.label), 'bold', SIZES.tableHeader);
		for (const row of table.rows) {
			if (row.kind !== 'item') continue;
			const cell = typesetter.fit(row.cells[index] ?? '');
			widest = Math.max(widest, typesetter.width(cell, 'regular', SIZES.table));
		}
		return widest + 2 * PAD_X;
	});
	const flexibleCount = table.columns.filter((column) => column.flexible).length;
	const fixedTotal = natural.reduce((sum, value) => sum + value, 0);
	const fixedBudget = flexibleCount > 0 ? width * (1 - MIN_FLEXIBLE_SHARE) : width;
	const shrink = fixedTotal > fixedBudget ? fixedBudget / fixedTotal : 1;
	const flexibleWidth = flexibleCount > 0 ? (width - fixedTotal * shrink) / flexibleCount : 0;
	// Without a flexible column the spare width goes to the first column.
	const spare = flexibleCount === 0 ? width - fixedTotal * shrink : 0;
	let cursor = x;
	return table.columns.map((column, index) => {
		const columnWidth = column.flexible
			? flexibleWidth
			: (natural[index] ?? 0) * shrink + (index === 0 ? spare : 0);
		const result = { x: cursor, width: columnWidth, align: column.align };
		cursor += columnWidth;
		return result;
	});
}

function cellLines(
	text: string,
	bold: boolean,
	size: number,
	column: Column,
	typesetter: Typesetter
): string[] {
	return typesetter.wrap(
		text,
		bold ? 'bold' : 'regular',
		size,
		Math.max(column.width - 2 * PAD_X, 1)
	);
}

function drawCellLines(
	ops: DrawOp[],
	lines: readonly string[],
	column: Column,
	top: number,
	options: { bold: boolean; size: number },
	typesetter: Typesetter
): void {
	const lineHeight = typesetter.lineHeight(options.size);
	lines.forEach((line, index) => {
		typesetter.place(ops, {
			x: column.x + PAD_X,
			y: top + index * lineHeight + typesetter.baseline(options.size),
			text: line,
			style: options.bold ? 'bold' : 'regular',
			size: options.size,
			color: COLORS.text,
			align: column.align,
			boxWidth: column.width - 2 * PAD_X
		});
	});
}

/**
 * The invoice lines. Descriptions wrap; a row that does not fit moves to the next page, where
 * the column header is drawn again; a row taller than a whole page is split between its lines.
 */
export function layoutTable(
	table: TableView,
	flow: PageFlow,
	x: number,
	width: number,
	typesetter: Typesetter
): void {
	const columns = columnLayout(table, x, width, typesetter);
	const headerLines = table.columns.map((column, index) =>
		cellLines(column.label, true, SIZES.tableHeader, columns[index] as Column, typesetter)
	);
	const headerHeight =
		Math.max(...headerLines.map((lines) => lines.length)) *
			typesetter.lineHeight(SIZES.tableHeader) +
		2 * PAD_Y;
	const rowLineHeight = typesetter.lineHeight(SIZES.table);

	const drawHeader = () => {
		flow.ops.push({ kind: 'rects', rects: [x, flow.y, width, headerHeight], color: COLORS.band });
		headerLines.forEach((lines, index) => {
			drawCellLines(
				flow.ops,
				lines,
				columns[index] as Column,
				flow.y + PAD_Y,
				{ bold: true, size: SIZES.tableHeader },
				typesetter
			);
		});
		flow.y += headerHeight;
	};

	flow.ensure(headerHeight + rowLineHeight + 2 * PAD_Y);
	drawHeader();
	flow.onBreak = drawHeader;
	const freshRoom = flow.freshSpace - headerHeight;
	if (freshRoom < rowLineHeight + 2 * PAD_Y) {
		throw new PdfLayoutError('header', 'the header and footer leave no room for the invoice lines');
	}

	const textColumn: Column = { x, width, align: 'left' };
	for (const row of table.rows) {
		const cells =
			row.kind === 'text'
				? [
						{
							lines: cellLines(row.text, false, SIZES.table, textColumn, typesetter),
							column: textColumn
						}
					]
				: columns.map((column, index) => ({
						lines: cellLines(row.cells[index] ?? '', false, SIZES.table, column, typesetter),
						column
					}));
		const total = Math.max(1, ...cells.map((cell) => cell.lines.length));
		let offset = 0;
		while (offset < total) {
			const need = (total - offset) * rowLineHeight + 2 * PAD_Y;
			let count = total - offset;
			if (need > flow.space) {
				const fitting = Math.floor((flow.space - 2 * PAD_Y) / rowLineHeight);
				if (need <= freshRoom || fitting < 1) {
					flow.breakPage();
					continue;
				}
				count = fitting;
			}
			for (const cell of cells) {
				drawCellLines(
					flow.ops,
					cell.lines.slice(offset, offset + count),
					cell.column,
					flow.y + PAD_Y,
					{ bold: false, size: SIZES.table },
					typesetter
				);
			}
			flow.y += count * rowLineHeight + 2 * PAD_Y;
			offset += count;
			flow.ops.push({
				kind: 'line',
				x1: x,
				y1: flow.y,
				x2: x + width,
				y2: flow.y,
				width: 0.4,
				color: COLORS.rule
			});
			if (offset < total) flow.breakPage();
		}
	}
	flow.onBreak = undefined;
}
