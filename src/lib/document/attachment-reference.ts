import { z } from 'zod';

/** MIME types Peppol BIS accepts for an embedded document (BT-125 mimeCode). */
export const ATTACHMENT_MIME_TYPES = [
	'application/pdf',
	'image/png',
	'image/jpeg',
	'text/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.oasis.opendocument.spreadsheet'
] as const;

export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** BG-24, by reference: the bytes live in storage, keyed by id. */
export const attachmentReferenceSchema = z.object({
	id: z.string().min(1),
	fileName: z.string().trim().min(1).max(200),
	mimeType: z.enum(ATTACHMENT_MIME_TYPES),
	size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'an attachment may be at most 2 MB'),
	/** BT-123. */
	description: z.string().trim().min(1).optional()
});
export type AttachmentReference = z.infer<typeof attachmentReferenceSchema>;
