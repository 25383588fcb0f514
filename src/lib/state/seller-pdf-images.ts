import { imageKey, type EmbeddedImage, type SellerProfile } from '$lib/document';
import type { ImageProblem } from '$lib/pdf/image-info';

/** Makes an image's embedded form: the PDF worker's prepareImage. */
export type PrepareImage = (source: string) => Promise<EmbeddedImage | ImageProblem>;

const workerPrepare: PrepareImage = async (source) => {
	const { pdfWorker } = await import('$lib/pdf');
	return (await pdfWorker()).prepareImage(source);
};

/** The data: URLs of the images in tiptap documents (the header and footer), each once. */
export function imageSources(...documents: readonly unknown[]): string[] {
	const sources = new Set<string>();
	const visit = (node: unknown): void => {
		if (Array.isArray(node)) return node.forEach(visit);
		if (node === null || typeof node !== 'object') return;
		const { type, attrs, content } = node as { type?: unknown; attrs?: unknown; content?: unknown };
		const src = (attrs as { src?: unknown } | undefined)?.src;
		if (type === 'image' && typeof src === 'string' && src.startsWith('data:')) sources.add(src);
		visit(content);
	};
	documents.forEach(visit);
	return [...sources];
}

/**
 * The embedded forms of the layout's images: the stored ones kept, the missing ones made. An
 * image that cannot be embedded gets none (the PDF leaves it out and says why, as before).
 */
export async function pdfImagesFor(
	header: unknown,
	footer: unknown,
	known: readonly EmbeddedImage[] = [],
	prepare: PrepareImage = workerPrepare
): Promise<EmbeddedImage[] | undefined> {
	const images: EmbeddedImage[] = [];
	for (const source of imageSources(header, footer)) {
		const key = imageKey(source);
		const image = known.find((candidate) => candidate.key === key) ?? (await prepare(source));
		if (typeof image !== 'string') images.push(image);
	}
	return images.length > 0 ? images : undefined;
}

/** Whether every image of the profile's header and footer has its embedded form stored. */
export function pdfImagesStored(profile: SellerProfile): boolean {
	const keys = new Set((profile.pdfImages ?? []).map((image) => image.key));
	return imageSources(profile.header, profile.footer).every((source) => keys.has(imageKey(source)));
}
