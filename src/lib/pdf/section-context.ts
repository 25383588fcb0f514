import type { Color, DrawOp, FontStyle } from './draw-ops';
import type { PageFlow } from './page-flow';
import type { Typesetter } from './typesetter';

/** Space between sections. */
export const GAP = 14;

/** Everything one section needs to draw. */
export interface SectionContext {
	flow: PageFlow;
	typesetter: Typesetter;
	x: number;
	width: number;
}

export function translate(ops: readonly DrawOp[], dy: number): DrawOp[] {
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
export function paragraph(
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
