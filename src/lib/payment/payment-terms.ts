import { z } from 'zod';
import { addDays, endOfMonth, type IsoDate } from '$lib/invoice';

/**
 * When an invoice falls due: a number of days after the issue date, or after the end of the
 * issue month ("30 dagen einde maand"), or on receipt.
 */
export const paymentTermsSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('days'), days: z.number().int().min(0).max(365) }),
	z.object({ kind: z.literal('endOfMonth'), days: z.number().int().min(0).max(365) }),
	z.object({ kind: z.literal('onReceipt') })
]);
export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

export function dueDateFor(issueDate: IsoDate, terms: PaymentTerms): IsoDate {
	switch (terms.kind) {
		case 'days':
			return addDays(issueDate, terms.days);
		case 'endOfMonth':
			return addDays(endOfMonth(issueDate), terms.days);
		case 'onReceipt':
			return issueDate;
	}
}
