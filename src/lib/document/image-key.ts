/**
 * A short key of an image's data: URL (two 32-bit FNV-1a hashes with different primes, and the
 * length), so a stored image is found without keeping the URL twice. Not a security boundary:
 * the images are the seller's own. Its own module, without the image's schema: the PDF worker
 * keys images on its cold path and must not load zod for it.
 */
export function imageKey(source: string): string {
	let low = 0x811c9dc5;
	let high = 0xcbf29ce4;
	for (let index = 0; index < source.length; index += 1) {
		const code = source.charCodeAt(index);
		low = Math.imul(low ^ code, 0x01000193) >>> 0;
		high = Math.imul(high ^ code, 0x01000195) >>> 0;
	}
	return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}-${source.length}`;
}
