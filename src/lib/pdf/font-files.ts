import { fromBase64 } from '$lib/bytes';
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

/**
 * The core files ship zlib-deflated, in the form every PDF embeds them whole (see
 * scripts/subset-fonts.mjs); the extended files and the emoji fallback are subset per document.
 */
const DEFLATED: ReadonlySet<FontKey> = new Set(['regular', 'bold', 'italic', 'boldItalic']);

export interface FontFileBytes {
	/** The TrueType program. */
	program: Uint8Array;
	/** For a core file: the program zlib-deflated, as the PDF's font stream writes it. */
	deflated?: Uint8Array | undefined;
}

/** Inflates natively, off the JS thread's hot path: no inflate code to compile in a fresh worker. */
async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new DecompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function readFontFile(key: FontKey): Promise<FontFileBytes> {
	const bytes = fromBase64((await SOURCES[key]()).default);
	if (!DEFLATED.has(key)) return { program: bytes };
	return { program: await inflate(bytes), deflated: bytes };
}

/** Read (and inflated) once per page or worker; a failed read is tried again next time. */
const files = new Map<FontKey, Promise<FontFileBytes>>();

/** A font file's program and, for a core file, its deflated form. */
export function fontFile(key: FontKey): Promise<FontFileBytes> {
	let file = files.get(key);
	if (!file) {
		file = readFontFile(key);
		file.catch(() => files.delete(key));
		files.set(key, file);
	}
	return file;
}
