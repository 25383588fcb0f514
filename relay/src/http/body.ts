import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/**
 * Reads a JSON body up to `limit` bytes. A declared or actual size over the limit is a 413 before
 * anything is parsed; the connection is then closed so the rest of an oversize upload is not read.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/json') {
		throw new HttpError(
			415,
			'unsupported-media-type',
			'The body must be JSON (Content-Type: application/json).'
		);
	}
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > limit) throw tooLarge(limit);
		chunks.push(buffer);
	}
	const text = Buffer.concat(chunks, size).toString('utf8');
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
