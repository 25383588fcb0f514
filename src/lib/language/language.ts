import { z } from 'zod';

/** The languages the UI and invoices are written in. */
export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in each UI and invoice language. */
export const localizedTextSchema = z.object({
	nl: z.string().min(1),
	fr: z.string().min(1),
	en: z.string().min(1),
	de: z.string().min(1)
});
export type LocalizedText = Record<Language, string>;
