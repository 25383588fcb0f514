import type { FontStyle } from './draw-ops';

/** One embedded font file: a style's core or extended part of Inter, or the emoji fallback. */
export type FontKey = FontStyle | `${FontStyle}-extended` | 'emoji';

type FontSource = () => Promise<{ default: string }>;

/**
 * Each file is its own lazily loaded chunk of base64 made by scripts/subset-fonts.mjs. This
 * table has no jsPDF import, so the PDF worker can start fetching the files while jsPDF loads.
 */
const SOURCES: Record<FontKey, FontSource> = {
	regular: () => import('./fonts/inter-regular'),
	bold: () => import('./fonts/inter-bold'),
	italic: () => import('./fonts/inter-italic'),
	boldItalic: () => import('./fonts/inter-bold-italic'),
	// The rest of Inter's subset, loaded only for a document with one of its characters.
	'regular-extended': () => import('./fonts/inter-regular-extended'),
	'bold-extended': () => import('./fonts/inter-bold-extended'),
	'italic-extended': () => import('./fonts/inter-italic-extended'),
	'boldItalic-extended': () => import('./fonts/inter-bold-italic-extended'),
	emoji: () => import('./fonts/noto-emoji')
};

/** The font file as base64 (a TrueType program). */
export async function fontFileBase64(key: FontKey): Promise<string> {
	return (await SOURCES[key]()).default;
}
