import type { Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, test } from './fixtures';
import { recipients } from './invoice-files';
import { fillSellerProfile, joinRelay, startInvoice } from './invoice-setup';

const CUSTOMER = 'Marie Dubois';

/** dd/mm/yyyy, as the date fields take it, `days` from today. */
function typedDate(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/**
 * A joined seller's invoice to a French-speaking consumer with `email`, issued 60 days ago on 30
 * days: 30 days overdue, past the first step of the schedule. Leaves the page on the invoice.
 */
async function issueOverdueInvoice(page: Page, email: string): Promise<string> {
	await fillSellerProfile(page);
	await joinRelay(page);

	await page.goto('/contacts/new');
	await page.getByLabel('Private individual').check();
	await page.getByLabel('Name', { exact: true }).fill(CUSTOMER);
	await page.getByLabel('Street and number').fill('Rue Haute 12');
	await page.getByLabel('Postal code').fill('1000');
	await page.getByLabel('City').fill('Bruxelles');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Language').selectOption({ label: 'French' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible();

	await startInvoice(page, CUSTOMER, [['Cours de piano', '1', '200']]);
	await page.getByLabel('Invoice date').fill(typedDate(-60));
	await page.getByRole('button', { name: 'Save and number the invoice' }).click();
	return (await page.getByTestId('invoice-number').textContent()) ?? '';
}

test.describe('payment reminders', () => {
	test.setTimeout(300_000);

	test('an overdue invoice of a consumer is reminded in French with the amount still due, the OGM and the statement, and the first reminder is free', async ({
		page,
		smtp
	}) => {
		const number = await issueOverdueInvoice(page, 'marie@dubois.example');
		const ogm = ((await page.getByTestId('payment-reference').textContent()) ?? '').replace(
			/\D/g,
			''
		);
		expect(ogm).toMatch(/^\d{12}$/);
		const ogmText = `+++${ogm.slice(0, 3)}/${ogm.slice(3, 7)}/${ogm.slice(7)}+++`;
		const invoiceUrl = page.url();

		// 242.00 invoiced, 42.00 paid: 200.00 still due.
		await page.getByLabel('Amount received').fill('42');
		await page.getByRole('button', { name: 'Record payment' }).click();
		await expect(page.getByTestId('invoice-outstanding')).toContainText('200.00');

		await page.goto('/invoices');
		await page.getByLabel('Status').selectOption({ label: 'To remind' });
		await expect(page.getByTestId('overview-row').filter({ hasText: number })).toBeVisible();

		await page.goto(invoiceUrl);
		await page.getByRole('button', { name: 'Send reminder' }).click();
		const preview = page.getByRole('region', { name: `Reminder 1 for invoice ${number}` });
		await expect(preview.getByTestId('reminder-rule')).toContainText(
			'Consumer (Code of Economic Law, Book XIX): the first reminder is free'
		);
		await expect(preview.getByTestId('reminder-charges')).toHaveCount(0);
		await expect(preview).toContainText('To: marie@dubois.example');
		await preview.getByRole('button', { name: 'Send this reminder' }).click();

		// The SMTP sink serves the whole worker: another test's invoice can carry the same number.
		const toMarie = (message: ParsedMail): boolean =>
			(message.subject?.includes(number) ?? false) &&
			recipients(message).includes('marie@dubois.example');
		const mail = await smtp.waitFor(toMarie);
		expect(mail.subject).toBe(`Rappel : facture ${number} de Jan Peeters`);
		expect(mail.text).toMatch(/Le montant restant dû est de 200,00\s€/);
		expect(mail.text).toContain(ogmText);
		expect(mail.text).toContain('30 jours');
		expect(mail.text).not.toMatch(/Intérêts|Indemnité/);
		expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([
			[`Rappel-de-paiement-${number}-1.pdf`, 'application/pdf']
		]);
		const pdf = await getDocumentProxy(new Uint8Array(mail.attachments[0]!.content));
		expect(pdf.numPages).toBe(1);
		const printed = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
		expect(printed).toContain('Rappel de paiement');
		expect(printed).toMatch(/Reste à payer 200,00\s€/);
		expect(printed).toContain(ogmText);
		expect(printed).toContain('Code de droit économique, livre XIX');
		expect(printed).not.toMatch(/Intérêts de retard|Indemnité forfaitaire/);

		const history = page.getByTestId('reminder-history');
		await expect(history).toContainText('Reminder 1');
		await expect(history.getByTestId('delivery')).toContainText('Sent');
		await expect(history.getByTestId('delivery')).toContainText('to marie@dubois.example');
		expect(smtp.messages.filter(toMarie)).toHaveLength(1);

		// Reminded today: the next step is 14 days away, so it leaves the "To remind" list.
		await page.goto('/invoices');
		await page.getByLabel('Status').selectOption({ label: 'To remind' });
		await expect(page.getByTestId('overview-row').filter({ hasText: number })).toHaveCount(0);
	});
});

test.describe('payment reminders, no service worker precache', () => {
	test.setTimeout(300_000);
	// Without the service worker's precache, the PDF worker's code comes from the network only.
	test.use({ serviceWorkers: 'block' });

	test("a reminder whose PDF worker could not load leaves once the worker's code arrives, without a reload", async ({
		page,
		context,
		smtp
	}) => {
		const email = 'marie.retry@dubois.example';
		const number = await issueOverdueInvoice(page, email);
		const invoiceUrl = page.url();

		// The worker's chunks fail to arrive (as offline before the app was cached): every PDF
		// worker started now cannot load its server, so the reminder's statement is refused.
		const workerChunks = /\/_app\/immutable\/workers\/chunks\//;
		let aborted = 0;
		await context.route(workerChunks, async (route) => {
			aborted += 1;
			await route.abort();
		});
		await page.goto(invoiceUrl);
		await page.getByRole('button', { name: 'Send reminder' }).click();
		const preview = page.getByRole('region', { name: `Reminder 1 for invoice ${number}` });
		await preview.getByRole('button', { name: 'Send this reminder' }).click();
		await expect(
			page.getByRole('alert').filter({ hasText: /the PDF worker could not load/ })
		).toBeVisible({ timeout: 30_000 });
		expect(aborted).toBeGreaterThan(0);

		// Back online, the queued reminder is sent again on the same page: its statement gets a new
		// PDF worker, not the refusal of the one that failed until a reload.
		await context.unroute(workerChunks);
		await context.setOffline(true);
		await context.setOffline(false);
		const toMarie = (message: ParsedMail): boolean =>
			(message.subject?.includes(number) ?? false) && recipients(message).includes(email);
		const mail = await smtp.waitFor(toMarie);
		expect(mail.attachments.map((file) => file.filename)).toEqual([
			`Rappel-de-paiement-${number}-1.pdf`
		]);
		await expect(page.getByTestId('reminder-history').getByTestId('delivery')).toContainText(
			'Sent',
			{ timeout: 30_000 }
		);
	});
});
