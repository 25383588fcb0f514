import type { z } from 'zod';
import type { CompanyLookupErrorCode } from '../protocol/company-lookup.js';
import type { PeppolErrorCode } from '../protocol/peppol-connection.js';

export type ErrorCode =
	| 'invalid-json'
	| 'invalid-request'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'method-not-allowed'
	| 'conflict'
	| 'series-exhausted'
	| 'payload-too-large'
	| 'unsupported-media-type'
	| 'rate-limited'
	| 'quota-exceeded'
	| 'internal'
	| PeppolErrorCode
	| CompanyLookupErrorCode;

export interface FieldError {
	path: string;
	message: string;
}

/** An error with the HTTP answer it stands for; anything else thrown by a handler is a 500. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly fields?: FieldError[],
		readonly headers?: Record<string, string>,
		/** What an access-point provider answered, word for word (Peppol connection errors). */
		readonly providerMessage?: string | null
	) {
		super(message);
		this.name = 'HttpError';
	}
}

export const unauthorized = (
	message = 'A valid device token is required (Authorization: Bearer <token>).'
) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'This device belongs to another workspace.') =>
	new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not-found', message);

export function fieldErrors(error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.') || '(body)',
		message: issue.message
	}));
}

export function invalidRequest(error: z.ZodError): HttpError {
	const fields = fieldErrors(error);
	const summary = fields
		.slice(0, 3)
		.map((f) => `${f.path}: ${f.message}`)
		.join('; ');
	return new HttpError(400, 'invalid-request', `The request is invalid: ${summary}.`, fields);
}
