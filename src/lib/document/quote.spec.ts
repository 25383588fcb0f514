import { describe, expect, it } from 'vitest';
import { buildInvoiceRecord } from '../../../tests/factories';
import { invoiceRecordSchema } from './invoice-record';
import {
	convertRefusal,
	decideQuote,
	defaultValidUntil,
	quoteStatusOf,
	QuoteRefused
} from './quote';

const quote = (overrides: Parameters<typeof buildInvoiceRecord>[0] = {}) =>
	buildInvoiceRecord({
		type: 'quote',
		number: 'Q-2026-0001',
		paymentReference: undefined,
		dueDate: '2026-06-16',
		status: 'sent',
		...overrides
	});

describe('quote status', () => {
	it('is draft, issued (not sent) or sent while the buyer has not answered', () => {
		expect(quoteStatusOf(quote({ status: 'draft', number: undefined }), '2026-05-20')).toBe(
			'draft'
		);
		expect(quoteStatusOf(quote({ status: 'issued' }), '2026-05-20')).toBe('issued');
		expect(quoteStatusOf(quote(), '2026-05-20')).toBe('sent');
	});

	it('is expired once the validity date passed while it was out, and not on that day', () => {
		expect(quoteStatusOf(quote(), '2026-06-16')).toBe('sent');
		expect(quoteStatusOf(quote(), '2026-06-17')).toBe('expired');
	});

	it('is the answer once there is one, however late', () => {
		const accepted = quote({ decision: { outcome: 'accepted', date: '2026-06-20' } });
		expect(quoteStatusOf(accepted, '2026-07-01')).toBe('accepted');
		const declined = quote({ decision: { outcome: 'declined', date: '2026-05-20' } });
		expect(quoteStatusOf(declined, '2026-05-21')).toBe('declined');
	});
});

describe('deciding and converting', () => {
	it('records the answer with its date, once, not before the quote', () => {
		const decided = decideQuote(quote(), 'accepted', '2026-05-20', '2026-05-20T10:00:00.000Z');
		expect(decided.decision).toEqual({ outcome: 'accepted', date: '2026-05-20' });
		expect(() => decideQuote(decided, 'declined', '2026-05-21', 'now')).toThrow(/already accepted/);
		expect(() => decideQuote(quote(), 'accepted', '2026-05-01', 'now')).toThrow(
			/date: must not be before the quote's issue date 2026-05-17/
		);
	});

	it('converts an accepted or sent quote and refuses a declined one by name', () => {
		expect(convertRefusal(quote())).toBeUndefined();
		expect(
			convertRefusal(quote({ decision: { outcome: 'accepted', date: '2026-05-20' } }))
		).toBeUndefined();
		const refusal = convertRefusal(
			quote({ decision: { outcome: 'declined', date: '2026-05-20' } })
		);
		expect(refusal).toBeInstanceOf(QuoteRefused);
		expect(refusal?.reason).toBe('declined');
		expect(refusal?.message).toBe('quote Q-2026-0001 was declined and cannot become an invoice');
		expect(convertRefusal(quote({ status: 'draft', number: undefined }))?.reason).toBe('notIssued');
		expect(convertRefusal(buildInvoiceRecord())?.reason).toBe('notAQuote');
	});

	it('is valid for 30 days by default', () => {
		expect(defaultValidUntil('2026-05-17')).toBe('2026-06-16');
	});
});

describe('the stored record', () => {
	it('keeps the answer and the invoice only on a quote, and the quote link only on an invoice', () => {
		expect(invoiceRecordSchema.safeParse(quote({ convertedInvoiceId: 'x' })).success).toBe(true);
		const invoice = buildInvoiceRecord({ decision: { outcome: 'accepted', date: '2026-05-20' } });
		expect(invoiceRecordSchema.safeParse(invoice).error?.issues[0]).toMatchObject({
			path: ['decision'],
			message: 'is not allowed on an invoice'
		});
		const linked = quote({ quoteReference: 'Q-2026-0000' });
		expect(invoiceRecordSchema.safeParse(linked).error?.issues[0]).toMatchObject({
			path: ['quoteReference'],
			message: 'is not allowed on a quote'
		});
	});
});
