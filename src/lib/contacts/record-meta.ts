import { z } from 'zod';

/** ISO 8601 instant with offset, as records store creation and change times. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** Fields every stored record has: a stable UUIDv7 id, times and the shape version it was written with. */
export const recordMetaSchema = z.object({
	id: z.uuid(),
	schemaVersion: z.number().int().min(1),
	createdAt: timestampSchema,
	updatedAt: timestampSchema
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;
