/** Reads a response body as text, refusing more than `maxBytes` so a hostile server cannot exhaust memory. */
export async function readCappedText(response: Response, maxBytes: number): Promise<string> {
	if (response.body === null) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw new AnswerTooLargeError(maxBytes);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export class AnswerTooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(`response larger than ${maxBytes} bytes`);
		this.name = 'AnswerTooLargeError';
	}
}
