import { COLORS, SIZES } from './theme';
import type { DrawOp } from './draw-ops';
import { GAP, paragraph, type SectionContext } from './section-context';
import type { Typesetter } from './typesetter';
import type { InvoicePdfView, LabelledValue, PartyView } from './view-model';

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

export function partiesAndTitle(view: InvoicePdfView, context: SectionContext): void {
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
function metadataGrid(entries: readonly LabelledValue[], context: SectionContext): void {
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
