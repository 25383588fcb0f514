/**
 * A stable 32-hex-digit PDF file identifier (trailer /ID) from a text such as the seller's
 * enterprise number and the invoice number: four FNV-1a hashes with different offsets. It only
 * has to be the same for the same invoice and differ between invoices, not be secret.
 */
export function pdfFileId(text: string): string {
	let id = '';
	for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
		let hash = seed;
		for (let index = 0; index < text.length; index += 1) {
			hash ^= text.charCodeAt(index);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		id += hash.toString(16).padStart(8, '0');
	}
	return id.toUpperCase();
}
