import { PDFDocument } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderReminderStatementPdf, reminderStatementFileName } from './reminder-statement';
import { reminderStatementView, type ReminderStatement } from './reminder-statement-view';
import { sampleInvoiceDocument } from './sample-invoice';

async function text(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text } = await extractText(pdf, { mergePages: true });
	return text.replace(/\s+/g, ' ');
}

function statement(overrides: Partial<ReminderStatement> = {}): ReminderStatement {
	const document = { ...sampleInvoiceDocument(), paymentReference: '123456789002' };
	return {
		document,
		language: 'fr',
		date: '2026-05-10',
		step: 1,
		invoiceTotalCents: 121_000,
		paidCents: 21_000,
		creditedCents: 0,
		amountDueCents: 100_000,
		daysOverdue: 12,
		rule: 'consumer',
		interestCents: 0,
		flatCents: 0,
		...overrides
	};
}

describe('the reminder statement PDF', () => {
	it('is one page in the customer language with the amount due, days overdue, OGM, QR and the rule', async () => {
		const rendered = await renderReminderStatementPdf(statement());
		expect((await PDFDocument.load(rendered.bytes)).getPageCount()).toBe(1);
		const printed = await text(rendered.bytes);
		expect(printed).toContain('Rappel de paiement');
		expect(printed).toContain('Reste à payer');
		expect(printed).toMatch(/1\s?000,00\s?€/);
		expect(printed).toContain('+++123/4567/89002+++');
		expect(printed).toContain('Code de droit économique, livre XIX');
		expect(printed).not.toContain('Intérêts de retard');
		expect(reminderStatementView(statement()).view.payment?.epcPayload).toContain('EUR1000.00');
		expect(reminderStatementFileName(statement())).toMatch(/^Rappel-de-paiement-.+-1\.pdf$/);
	});

	it('states the allowed charges and the total with them, while the QR asks for the amount due', async () => {
		const business = statement({
			language: 'en',
			rule: 'business',
			interestCents: 945,
			flatCents: 4_000
		});
		const printed = await text((await renderReminderStatementPdf(business)).bytes);
		expect(printed).toContain('Late-payment interest');
		expect(printed).toContain('Flat compensation for recovery costs');
		expect(printed).toContain('€1,049.45');
		expect(printed).toContain('Law of 2 August 2002');
		expect(reminderStatementView(business).view.payment?.epcPayload).toContain('EUR1000.00');
	});
});
