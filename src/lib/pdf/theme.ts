import type { Color } from './draw-ops';

/** Page geometry in PDF points. */
export interface PageGeometry {
	width: number;
	height: number;
	marginX: number;
	marginTop: number;
	/** Room under the footer for the page number. */
	marginBottom: number;
}

export const A4: PageGeometry = {
	width: 595.28,
	height: 841.89,
	marginX: 42.52,
	marginTop: 36,
	marginBottom: 30
};

export const COLORS = {
	text: [33, 37, 41],
	muted: [100, 108, 116],
	rule: [206, 212, 218],
	band: [239, 242, 245],
	accent: [31, 78, 121],
	link: [29, 78, 216]
} as const satisfies Record<string, Color>;

export const SIZES = {
	header: 9,
	footer: 7.5,
	caption: 7,
	body: 9,
	partyName: 10.5,
	title: 19,
	tableHeader: 7.5,
	table: 8.5,
	small: 7.5,
	emphasis: 10.5,
	pageNumber: 7.5
} as const;
