// The messages between a tab and its official-rules worker. Both sides parse what they receive,
// so a stale worker from an older app version, or a bug, gives a clear error instead of a
// half-read result.
import { z } from 'zod';
import type { Finding, ValidationResult } from '$lib/peppol-rules';

const findingSchema = z.object({
	ruleset: z.enum(['xml', 'xsd', 'cen', 'peppol']),
	id: z.string(),
	flag: z.enum(['fatal', 'warning']),
	location: z.string(),
	message: z.string(),
	test: z.string().optional(),
	line: z.number().int().optional(),
	evaluationError: z.boolean().optional()
}) satisfies z.ZodType<Finding>;

const resultSchema = z.object({
	fatal: z.array(findingSchema),
	warnings: z.array(findingSchema),
	documentType: z.string().nullable(),
	wellFormed: z.boolean()
}) satisfies z.ZodType<ValidationResult>;

const requestId = z.number().int().nonnegative();

export const rulesRequestSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('load'), id: requestId }),
	// 16 MB: an invoice with the most attachments Peppol carries, base64-encoded, fits.
	z.object({ type: z.literal('validate'), id: requestId, xml: z.string().max(16_000_000) })
]);
export type RulesRequest = z.infer<typeof rulesRequestSchema>;

export const rulesResponseSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('loaded'),
		id: requestId,
		loadMs: z.number(),
		/** milliseconds by phase of the load (the bench prints them) */
		phases: z.record(z.string(), z.number())
	}),
	z.object({ type: z.literal('result'), id: requestId, result: resultSchema, ms: z.number() }),
	z.object({ type: z.literal('failed'), id: requestId.nullable(), message: z.string() })
]);
export type RulesResponse = z.infer<typeof rulesResponseSchema>;

/** `path: rule` of every problem zod found, for an error that names the field and the rule. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
		.join('; ');
}
