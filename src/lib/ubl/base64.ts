const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * RFC 4648 base64 of raw bytes, for EmbeddedDocumentBinaryObject. Written out because the pure
 * core may not use Node's Buffer, and btoa needs a binary string as large as the file.
 */
export function toBase64(bytes: Uint8Array): string {
	const chunks: string[] = [];
	const chunkBytes = 3 * 4096;
	for (let start = 0; start < bytes.length; start += chunkBytes) {
		const end = Math.min(start + chunkBytes, bytes.length);
		let out = '';
		let index = start;
		for (; index + 2 < end; index += 3) {
			const triple =
				((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
			out +=
				ALPHABET.charAt(triple >>> 18) +
				ALPHABET.charAt((triple >>> 12) & 63) +
				ALPHABET.charAt((triple >>> 6) & 63) +
				ALPHABET.charAt(triple & 63);
		}
		const rest = end - index;
		if (rest === 1) {
			const single = bytes[index] ?? 0;
			out += ALPHABET.charAt(single >>> 2) + ALPHABET.charAt((single & 3) << 4) + '==';
		} else if (rest === 2) {
			const pair = ((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0);
			out +=
				ALPHABET.charAt(pair >>> 10) +
				ALPHABET.charAt((pair >>> 4) & 63) +
				ALPHABET.charAt((pair & 15) << 2) +
				'=';
		}
		chunks.push(out);
	}
	return chunks.join('');
}
