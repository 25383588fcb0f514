import { toBase64 } from '$lib/bytes';
import type { EmbeddedImage } from '$lib/document/embedded-image';
import { checkedEmbeddedImage } from '$lib/document/embedded-image-check';
import { imageKey } from '$lib/document/image-key';
import { jsPDF } from 'jspdf';
import { readImage, type ImageProblem } from './image-info';

/** What jsPDF's PNG and JPEG processors return: the image XObject's stream and dictionary. */
export interface ProcessedImage {
	data: string;
	width: number;
	height: number;
	colorSpace: string;
	bitsPerComponent: number;
	filter?: string | undefined;
	decodeParameters?: string | undefined;
	sMask?: string | undefined;
	sMaskBitsPerComponent?: number | undefined;
	predictor?: number | undefined;
	palette?: number[] | undefined;
	transparency?: number[] | undefined;
}

type Processor = (
	data: Uint8Array,
	index: number,
	alias: string,
	compression?: string
) => ProcessedImage | undefined;

/** Bytes from a binary string (one char per byte), as jsPDF keeps image streams. */
function binaryBytes(binary: string): Uint8Array {
	const bytes = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
	return bytes;
}

function binaryString(base64: string): string {
	return atob(base64);
}

/**
 * The image of a data: URL as every PDF will embed it: jsPDF decodes the PNG, splits off its
 * alpha channel and compresses both (or takes a JPEG as it is) here, once, when the logo is
 * saved. The result is stored with the seller profile and handed to each render.
 */
export function prepareEmbeddedImage(source: string): EmbeddedImage | ImageProblem {
	const info = readImage(source);
	if (typeof info === 'string') return info;
	// The same processors, with the same compression, as drawLayout's addImage calls.
	const doc = new jsPDF() as unknown as Record<string, Processor | undefined>;
	const processor = doc[`process${info.format}`];
	if (typeof processor !== 'function') return 'unsupported-format';
	const processed = processor.call(doc, info.bytes, 0, 'logo', 'FAST');
	if (!processed) return 'unreadable';
	return checkedEmbeddedImage({
		key: imageKey(source),
		width: processed.width,
		height: processed.height,
		colorSpace: processed.colorSpace,
		bitsPerComponent: processed.bitsPerComponent,
		filter: processed.filter,
		decodeParameters: processed.decodeParameters,
		data: toBase64(binaryBytes(processed.data)),
		sMask: processed.sMask ? toBase64(binaryBytes(processed.sMask)) : undefined,
		sMaskBitsPerComponent: processed.sMask ? processed.sMaskBitsPerComponent : undefined,
		predictor: processed.predictor ?? undefined,
		palette: processed.palette?.length ? toBase64(Uint8Array.from(processed.palette)) : undefined,
		transparency: processed.transparency?.length ? processed.transparency : undefined
	});
}

/** jsPDF's processed form of a stored image, as its processors would have returned it. */
export function processedImageOf(image: EmbeddedImage): ProcessedImage {
	const processed: ProcessedImage = {
		data: binaryString(image.data),
		width: image.width,
		height: image.height,
		colorSpace: image.colorSpace,
		bitsPerComponent: image.bitsPerComponent
	};
	// jsPDF tests `"filter" in image` for the SMask's DecodeParms: only set what is there.
	if (image.filter) processed.filter = image.filter;
	if (image.decodeParameters) processed.decodeParameters = image.decodeParameters;
	if (image.sMask) {
		processed.sMask = binaryString(image.sMask);
		processed.sMaskBitsPerComponent = image.sMaskBitsPerComponent;
	}
	if (image.predictor !== undefined) processed.predictor = image.predictor;
	if (image.palette) processed.palette = [...binaryBytes(binaryString(image.palette))];
	if (image.transparency) processed.transparency = image.transparency;
	return processed;
}
