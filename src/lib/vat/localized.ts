import { z } from 'zod';
import type { Language } from '$lib/money';

/** A text in each UI and invoice language. */
export const localizedTextSchema = z.object({
	nl: z.string().min(1),
	fr: z.string().min(1),
	en: z.string().min(1),
	de: z.string().min(1)
});
export type LocalizedText = Record<Language, string>;
