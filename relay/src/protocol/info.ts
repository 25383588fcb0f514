import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() });

/** GET /api/v1/info — public, for the connection indicator and Settings → Relay. */
export const relayInfoSchema = z.object({
	name: z.literal('billfold-relay'),
	version: z.string(),
	protocolVersion: z.number().int(),
	openRegistration: z.boolean(),
	peppolAccessPoint: z.string().nullable(),
	mailMode: z.enum(['smtp', 'preview']),
	limits: z.object({
		maxRequestBytes: z.number().int(),
		maxAttachmentBytes: z.number().int(),
		maxAttachments: z.number().int()
	})
});
export type RelayInfo = z.infer<typeof relayInfoSchema>;
