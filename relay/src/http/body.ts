import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/** The body's media type, lower case, without parameters. */
export function mediaTypeOf(req: IncomingMessage): string {
	return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads a JSON body up to `limit` bytes. A declared or actual size over the limit is a 413 before
 * anything is parsed; the connection is then closed so the rest of an oversize upload is not read.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
	if (mediaTypeOf(req) !== 'application/json') {
		throw new HttpError(
			415,
			'unsupported-media-type',
			'The body must be JSON (Content-Type: application/json).'
		);
	}
	const text = (await readBytes(req, limit)).toString('utf8');
	if (text.trim() === '')
		throw new HttpError(400, 'invalid-json', 'The body is empty; a JSON object is expected.');
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new HttpError(
			400,
			'invalid-json',
			`The body is not valid JSON: ${(error as Error).message}`
		);
	}
}

/** Reads a body of the given media type (e.g. sync frames) up to `limit` bytes, as bytes. */
export async function readRawBody(
	req: IncomingMessage,
	limit: number,
	mediaType: string
): Promise<Buffer> {
	if (mediaTypeOf(req) !== mediaType) {
		throw new HttpError(
			415,
			'unsupported-media-type',
			`The body must be ${mediaType} (Content-Type: ${mediaType}).`
		);
	}
	return readBytes(req, limit);
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
	// Listeners rather than for-await: leaving an async iterator early destroys the socket, and the
	// client would never see the 413. The rest of an oversize body is read and dropped instead.
	const { chunks, size } = await new Promise<{ chunks: Buffer[]; size: number }>(
		(resolve, reject) => {
			const received: Buffer[] = [];
			let total = 0;
			const onData = (chunk: Buffer) => {
				total += chunk.length;
				if (total > limit) {
					req.off('data', onData);
					req.off('end', onEnd);
					req.resume();
					reject(tooLarge(limit));
					return;
				}
				received.push(chunk);
			};
			const onEnd = () => resolve({ chunks: received, size: total });
			req.on('data', onData);
			req.once('end', onEnd);
			req.once('error', reject);
		}
	);
	// A small body arrives as one chunk: no copy then.
	return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size);
}

function tooLarge(limit: number): HttpError {
	return new HttpError(
		413,
		'payload-too-large',
		`The request body is larger than ${limit} bytes.`,
		undefined,
		{
			connection: 'close'
		}
	);
}
