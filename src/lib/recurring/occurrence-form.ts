import type { InvoiceForm } from '$lib/document';
import type { IsoDate } from '$lib/invoice';
import type { Language } from '$lib/language';
import { dueDateFor, type PaymentTerms } from '$lib/payment';
import { linesForPeriod, periodText } from './period';
import type { Occurrence } from './schedule';
import type { RecurringTemplate } from './template';

export interface OccurrencePlan {
	occurrence: Occurrence;
	/** The day the invoice is made: its issue date (a missed month is dated when it is caught up). */
	today: IsoDate;
	/** The seller's payment terms, used when the template has none of its own. */
	sellerTerms: PaymentTerms;
	/** The language the invoice is written in, for the period text. */
	language: Language;
}

/**
 * The editor form of the invoice a template makes for one occurrence. It depends only on the
 * template and the plan, so two devices making the same occurrence write the same values.
 */
export function invoiceFormOf(template: RecurringTemplate, plan: OccurrencePlan): InvoiceForm {
	const terms = template.paymentTerms ?? plan.sellerTerms;
	return {
		type: 'invoice',
		contactId: template.contactId,
		issueDate: plan.today,
		deliveryDate: '',
		dueDate: dueDateFor(plan.today, terms),
		dueDateFromTerms: false,
		buyerReference: template.buyerReference,
		orderReference: template.orderReference,
		notes: template.notes,
		cashDiscount: template.cashDiscount,
		language: template.language,
		lines: linesForPeriod(template.lines, periodText(plan.occurrence, plan.language)),
		attachments: []
	};
}
