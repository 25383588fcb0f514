import { z } from 'zod';
import { isoDateTimeSchema } from './common.js';

/** A message the relay wrote to its preview outbox because no SMTP server is configured. */
export const mailPreviewSchema = z.object({
	previewId: z.uuid(),
	jobId: z.uuid(),
	invoiceId: z.uuid(),
	to: z.array(z.string()),
	subject: z.string(),
	sizeBytes: z.number().int().min(0),
	createdAt: isoDateTimeSchema,
	/** GET with the device token: the .eml file (message/rfc822). */
	downloadPath: z.string().startsWith('/api/v1/')
});
export type MailPreview = z.infer<typeof mailPreviewSchema>;

export const mailPreviewListSchema = z.object({
	mode: z.enum(['smtp', 'preview']),
	previews: z.array(mailPreviewSchema)
});
export type MailPreviewList = z.infer<typeof mailPreviewListSchema>;
