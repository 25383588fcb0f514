import { fromBase64 } from '$lib/bytes';
import { imageKey } from '$lib/document/image-key';

/** An image the PDF can embed as it is: jsPDF reads PNG and JPEG without a canvas. */
export interface ImageInfo {
	format: 'PNG' | 'JPEG';
	/** Pixel size. */
	width: number;
	height: number;
	bytes: Uint8Array;
	/** imageKey() of the data: URL: finds the image's stored embedded form (prepare-image). */
	key: string;
}

export type ImageProblem = 'not-a-data-url' | 'unsupported-format' | 'unreadable';

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?((?:;[a-z0-9-]+=[^;,]*)*)(;base64)?,(.*)$/is;

function decodeBase64(text: string): Uint8Array | undefined {
	try {
		return fromBase64(text.replace(/\s+/g, ''));
	} catch {
		return undefined;
	}
}

function uint32(bytes: Uint8Array, offset: number): number {
	return (
		((bytes[offset] ?? 0) * 0x1000000 +
			((bytes[offset + 1] ?? 0) << 16) +
			((bytes[offset + 2] ?? 0) << 8) +
			(bytes[offset + 3] ?? 0)) >>>
		0
	);
}

function uint16(bytes: Uint8Array, offset: number): number {
	return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
	if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return undefined;
	// The IHDR chunk always comes first: length (4), "IHDR" (4), width (4), height (4).
	if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
	return { width: uint32(bytes, 16), height: uint32(bytes, 20) };
}

/** Start-of-frame markers that carry the frame size (all SOFn except DHT, JPG and DAC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1] ?? 0;
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (SOF.has(marker)) {
			return { height: uint16(bytes, offset + 5), width: uint16(bytes, offset + 7) };
		}
		offset += 2 + uint16(bytes, offset + 2);
	}
	return undefined;
}

/**
 * The last images read, by source: the logo comes back with every preview keystroke, and the
 * same bytes object lets the renderer reuse its decoded form (see render-pdf).
 */
const recent = new Map<string, ImageInfo | ImageProblem>();
const RECENT_LIMIT = 8;

/** Reads a data: URL image (a logo pasted into the header editor) and its pixel size. */
export function readImage(src: string): ImageInfo | ImageProblem {
	const known = recent.get(src);
	if (known !== undefined) return known;
	const result = decodeImage(src);
	if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value ?? '');
	recent.set(src, result);
	return result;
}

function decodeImage(src: string): ImageInfo | ImageProblem {
	const match = DATA_URL.exec(src);
	if (!match) return 'not-a-data-url';
	const mime = (match[1] ?? '').toLowerCase();
	if (mime !== 'image/png' && mime !== 'image/jpeg' && mime !== 'image/jpg') {
		return 'unsupported-format';
	}
	if (!match[3]) return 'unreadable';
	const bytes = decodeBase64(match[4] ?? '');
	if (!bytes) return 'unreadable';
	const size = mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
	if (!size || size.width === 0 || size.height === 0) return 'unreadable';
	return { format: mime === 'image/png' ? 'PNG' : 'JPEG', bytes, key: imageKey(src), ...size };
}
