import { embeddedImageProblem } from '$lib/document/embedded-image-check';
import type { PdfWorkerRequest } from './pdf-worker-client';

/*
 * The PDF worker's request envelope, checked by hand rather than with a zod schema: the worker
 * must not load a validation library (zod is about 100 KB it would compile and evaluate before
 * its first PDF, on a cold start the user waits for). It accepts exactly what the zod schema it
 * replaces accepted; pdf-request-check.spec.ts holds that schema and feeds both the same random
 * and malformed messages.
 *
 * The document, options and statement of a request are the app's own, already checked where they
 * were made (the editor's schema, the stored record); a malformed one fails in the renderer with
 * its name. Only their being objects is checked here.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export type PdfRequestCheck =
	{ ok: true; request: PdfWorkerRequest } | { ok: false; problem: string };

/** The problem of a request's fields past `id` and `kind`, or undefined. */
const FIELDS: Record<
	PdfWorkerRequest['kind'],
	(request: Record<string, unknown>) => string | undefined
> = {
	render: (request) =>
		!isObject(request['document'])
			? 'document: must be an invoice document object'
			: !isObject(request['options'])
				? 'options: must be an object'
				: undefined,
	'check-terms': (request) =>
		request['bytes'] instanceof Uint8Array ? undefined : 'bytes: must be a Uint8Array',
	statement: (request) =>
		isObject(request['statement']) ? undefined : 'statement: must be a reminder statement object',
	warm: (request) => {
		const options = request['options'];
		if (!isObject(options)) return 'options: must be an object';
		const images = options['images'];
		if (images === undefined) return undefined;
		if (!Array.isArray(images)) return 'options.images: must be an array of embedded images';
		for (const [index, image] of images.entries()) {
			const problem = embeddedImageProblem(image, `options.images.${index}`);
			if (problem !== undefined) return problem;
		}
		return undefined;
	},
	'prepare-image': (request) => {
		const source = request['source'];
		return typeof source === 'string' && source.startsWith('data:')
			? undefined
			: 'source: must be a data: URL';
	}
};

const KINDS = Object.keys(FIELDS);

/**
 * `message` as a request, or its first problem as "<field>: <rule>". The request is the message
 * itself: fields it does not name are never read.
 */
export function checkPdfRequest(message: unknown): PdfRequestCheck {
	if (!isObject(message)) return { ok: false, problem: 'request: must be an object' };
	const kind = message['kind'];
	if (typeof kind !== 'string' || !KINDS.includes(kind))
		return { ok: false, problem: `kind: must be one of ${KINDS.join(', ')}` };
	const id = message['id'];
	if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
		return { ok: false, problem: 'id: must be a positive integer' };
	const problem = FIELDS[kind as PdfWorkerRequest['kind']](message);
	if (problem !== undefined) return { ok: false, problem };
	return { ok: true, request: message as unknown as PdfWorkerRequest };
}
