import { z } from 'zod';
import { percentSchema } from './line';

/** Cash discount offered on the invoice ("korting voor contante betaling" / "escompte"). */
export const cashDiscountTermsSchema = z.object({
	percent: percentSchema,
	/** Days after the issue date within which the discount may be taken. */
	days: z.number().int().min(0).max(365)
});
export type CashDiscountTerms = z.infer<typeof cashDiscountTermsSchema>;
