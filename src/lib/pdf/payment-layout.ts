import { epcQrMatrix, qrRuns } from './qr';
import { GAP, paragraph, type SectionContext } from './section-context';
import { COLORS, SIZES } from './theme';
import type { PaymentView } from './view-model';

const QR_SIDE = 84;

/** Payment details beside the EPC QR code, kept on one page. */
export function payment(view: PaymentView, context: SectionContext): void {
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
