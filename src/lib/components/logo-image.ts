/**
 * Turns an uploaded logo into an image the PDF can embed: PNG or JPEG, at most
 * {@link MAX_LOGO_EDGE} pixels on its longest edge. SVG is rasterised here because the PDF
 * renderer draws bitmaps only.
 */

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** Plenty for a logo printed a few centimetres wide at 300 dpi. */
export const MAX_LOGO_EDGE = 1200;
/** An SVG without a usable size is drawn this wide. */
const DEFAULT_SVG_EDGE = 600;

export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type LogoMimeType = (typeof LOGO_MIME_TYPES)[number];

export type LogoProblem =
	| { kind: 'too-large'; fileName: string; size: number }
	| { kind: 'wrong-type'; fileName: string; type: string }
	| { kind: 'unreadable'; fileName: string };

export interface PreparedLogo {
	/** data:image/png or data:image/jpeg. */
	dataUrl: string;
	width: number;
	height: number;
}

export type LogoResult = { ok: true; logo: PreparedLogo } | { ok: false; problem: LogoProblem };

interface FileFacts {
	name: string;
	size: number;
	type: string;
}

function mimeTypeOf(file: FileFacts): LogoMimeType | undefined {
	const declared = LOGO_MIME_TYPES.find((type) => type === file.type);
	if (declared) return declared;
	// Some systems report no type for .svg files.
	const extension = file.name.toLowerCase().split('.').pop();
	if (extension === 'svg') return 'image/svg+xml';
	if (extension === 'png') return 'image/png';
	if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
	return undefined;
}

/** The checks that need no decoding: size first, because it is what the user can act on. */
export function checkLogoFile(
	file: FileFacts
): { ok: true; mimeType: LogoMimeType } | { ok: false; problem: LogoProblem } {
	if (file.size > MAX_LOGO_BYTES) {
		return { ok: false, problem: { kind: 'too-large', fileName: file.name, size: file.size } };
	}
	const mimeType = mimeTypeOf(file);
	if (!mimeType || (file.type !== '' && file.type !== mimeType)) {
		return {
			ok: false,
			problem: { kind: 'wrong-type', fileName: file.name, type: file.type || '?' }
		};
	}
	return { ok: true, mimeType };
}

/** Scales (width, height) so the longest edge is at most `limit`, never enlarging. */
export function fitWithin(
	width: number,
	height: number,
	limit = MAX_LOGO_EDGE
): { width: number; height: number } {
	const scale = Math.min(1, limit / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

function loadImage(url: string): Promise<HTMLImageElement> {
	return new Promise((resolve, reject) => {
		const image = new Image();
		image.onload = () => resolve(image);
		image.onerror = () => reject(new Error('image could not be decoded'));
		image.src = url;
	});
}

function readAsDataUrl(blob: Blob): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result));
		reader.onerror = () => reject(reader.error ?? new Error('file could not be read'));
		reader.readAsDataURL(blob);
	});
}

export async function prepareLogo(file: File): Promise<LogoResult> {
	const checked = checkLogoFile(file);
	if (!checked.ok) return checked;
	const url = URL.createObjectURL(file);
	try {
		const image = await loadImage(url);
		const isSvg = checked.mimeType === 'image/svg+xml';
		const natural = { width: image.naturalWidth, height: image.naturalHeight };
		if (isSvg && (natural.width === 0 || natural.height === 0)) {
			natural.width = DEFAULT_SVG_EDGE;
			natural.height = DEFAULT_SVG_EDGE;
		}
		if (natural.width === 0 || natural.height === 0) {
			return { ok: false, problem: { kind: 'unreadable', fileName: file.name } };
		}
		const size = fitWithin(natural.width, natural.height);
		const unchanged = !isSvg && size.width === natural.width && size.height === natural.height;
		if (unchanged) return { ok: true, logo: { dataUrl: await readAsDataUrl(file), ...size } };

		const canvas = document.createElement('canvas');
		canvas.width = size.width;
		canvas.height = size.height;
		const context = canvas.getContext('2d');
		if (!context) return { ok: false, problem: { kind: 'unreadable', fileName: file.name } };
		context.imageSmoothingQuality = 'high';
		context.drawImage(image, 0, 0, size.width, size.height);
		// JPEG stays JPEG (photos compress far better); PNG and SVG keep their transparency.
		const output = checked.mimeType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
		return { ok: true, logo: { dataUrl: canvas.toDataURL(output, 0.9), ...size } };
	} catch {
		return { ok: false, problem: { kind: 'unreadable', fileName: file.name } };
	} finally {
		URL.revokeObjectURL(url);
	}
}
