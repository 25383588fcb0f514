import { z } from 'zod';
import { COMPANY_LOOKUP_ERROR_CODES } from './company-lookup.js';
import { PEPPOL_ERROR_CODES } from './peppol-connection.js';

/** Wire format version; the relay reports its own in GET /api/v1/info. */
export const PROTOCOL_VERSION = 1;

export const invoiceIdSchema = z.uuid({ message: 'must be a UUID' });
export const isoDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** How many invoices a schedule makes or a day has due: the app's recurring end and the nudge. */
export const invoiceCountSchema = z
	.number({ message: 'must be a whole number of invoices' })
	.int('must be a whole number of invoices')
	.min(1, 'must be at least 1')
	.max(1000, 'must be at most 1000');
export const seriesIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

export const errorCodeSchema = z.enum([
	'invalid-json',
	'invalid-request',
	'unauthorized',
	'forbidden',
	'not-found',
	'method-not-allowed',
	'conflict',
	'series-exhausted',
	'payload-too-large',
	'unsupported-media-type',
	'rate-limited',
	'quota-exceeded',
	'internal',
	...PEPPOL_ERROR_CODES,
	...COMPANY_LOOKUP_ERROR_CODES
]);
export type RelayErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Every 4xx/5xx answer of the relay's API. */
export const errorBodySchema = z.object({
	error: z.object({
		code: errorCodeSchema,
		message: z.string(),
		fields: z.array(fieldErrorSchema).optional(),
		/** What an access-point provider answered, word for word, when it refused or failed. */
		providerMessage: z.string().nullable().optional()
	})
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
