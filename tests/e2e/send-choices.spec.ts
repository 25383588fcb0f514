import { expect, test } from './fixtures';
import { recipients } from './invoice-files';
import { addContact, joinRelay, setUpSeller, startInvoice } from './invoice-setup';

test.describe('sending never silently changes meaning', () => {
	test.setTimeout(150_000);

	test('without a relay: Send explains, offers to join the relay, and records a hand-over only once confirmed', async ({
		page
	}) => {
		await setUpSeller(page);
		await addContact(page, 'Nova NV', 'billing@nova.example');
		await startInvoice(page, 'Nova NV', [['Design', '2', '100']]);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
		expect(number).toMatch(/^F\d{4}-0001$/);

		await page.getByRole('button', { name: 'Send', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: `Send ${number}` });
		await expect(dialog).toContainText('This device has not joined a relay');
		// The app is served by the relay: it says so, and that joining needs the operator's invite link.
		await expect(dialog).toContainText('invite link its operator printed');
		await expect(dialog.getByRole('link', { name: 'Join the relay' })).toHaveAttribute(
			'href',
			'/settings/relay'
		);
		// Nova is a Belgian VAT-registered business not known on Peppol: warned before anything leaves.
		await expect(dialog.getByTestId('peppol-warning')).toHaveText(
			/Since 1 January 2026 an e-mailed PDF is not a valid invoice for a Belgian VAT-registered business, so Nova NV should be reached over Peppol\./
		);
		await expect(dialog.getByRole('button', { name: 'I have sent them' })).toBeDisabled();

		// Cancel records nothing.
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByTestId('invoice-status')).toHaveText('Issued');
		await expect(page.getByText('Not sent yet')).toBeVisible();

		await page.getByRole('button', { name: 'Send', exact: true }).click();
		const downloads: string[] = [];
		page.on('download', (download) => downloads.push(download.suggestedFilename()));
		await dialog.getByRole('button', { name: 'Download the files' }).click();
		await expect.poll(() => downloads.some((name) => name.endsWith('.pdf'))).toBe(true);
		await expect.poll(() => downloads.some((name) => name.endsWith('.xml'))).toBe(true);
		// Downloading alone is not sending.
		await expect(page.getByTestId('invoice-status')).toHaveText('Issued');
		await expect(
			dialog.getByRole('link', { name: 'Open an e-mail to billing@nova.example' })
		).toHaveAttribute('href', /^mailto:billing@nova\.example\?/);
		await dialog.getByRole('button', { name: 'I have sent them' }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByTestId('invoice-status')).toHaveText('Sent');
		const delivery = page.getByTestId('delivery');
		await expect(delivery).toHaveCount(1);
		await expect(delivery).toContainText('handed over by you');
		await expect(delivery).toContainText('to billing@nova.example');

		// A second Send says it already went, when, how and to whom.
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(dialog.getByTestId('already-sent')).toContainText(
			'Already sent handed over by you'
		);
		await dialog.getByRole('button', { name: 'Cancel' }).click();

		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		await expect(page.getByTestId('overview-row').filter({ hasText: number })).toContainText(
			'handed over by you'
		);
	});

	test('with a relay: the B2B warning comes before sending and stays on the invoice; a second Send says it was sent and "Send again" really sends', async ({
		page,
		smtp
	}) => {
		await setUpSeller(page);
		await joinRelay(page);
		await addContact(page, 'Kappa BV', 'ap@kappa.example');
		await startInvoice(page, 'Kappa BV', [['Audit', '1', '400']]);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
		const mailsTo = () =>
			smtp.messages.filter(
				(message) =>
					(message.subject?.includes(number) ?? false) &&
					recipients(message).includes('ap@kappa.example')
			);

		await page.getByRole('button', { name: 'Send', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: `Send ${number}` });
		// The workspace has no Peppol access point: the legal situation in one sentence, a way to
		// connect one, and e-mail only as an explicit choice; there is no plain "Send now".
		await expect(dialog.getByTestId('no-access-point')).toContainText(
			'Kappa BV should receive this invoice over Peppol'
		);
		await expect(dialog.getByRole('link', { name: 'Connect an access point' })).toHaveAttribute(
			'href',
			'/settings/peppol'
		);
		await expect(dialog.getByRole('button', { name: 'Send now' })).toHaveCount(0);
		await dialog.getByRole('button', { name: 'E-mail it to ap@kappa.example instead' }).click();
		await expect.poll(() => mailsTo().length).toBe(1);
		await expect(page.getByTestId('invoice-status')).toHaveText('Sent');

		// The choice is kept on the invoice, in words, next to one line for the delivery.
		const delivery = page.getByTestId('delivery');
		await expect(delivery).toHaveCount(1);
		await expect(delivery).toContainText('Sent');
		await expect(delivery).toContainText('by e-mail');
		await expect(delivery).toContainText('to ap@kappa.example');
		await expect(delivery.getByTestId('delivery-warning')).toContainText('E-mailed at your choice');
		// Every step is one click away.
		const details = delivery.getByText(/^Full history \(\d+ steps\)$/);
		await details.click();
		await expect(delivery.getByRole('listitem').filter({ hasText: 'Queued' })).not.toHaveCount(0);

		// A second Send does not pretend to send: it says when, how and to whom it went.
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(dialog.getByTestId('already-sent')).toContainText('Already sent by e-mail on');
		await expect(dialog.getByTestId('already-sent')).toContainText('to ap@kappa.example');
		await dialog.getByRole('button', { name: 'Send again' }).click();
		await dialog.getByRole('button', { name: 'E-mail it to ap@kappa.example instead' }).click();
		await expect.poll(() => mailsTo().length).toBe(2);
		const [first, second] = mailsTo();
		expect(second?.messageId).not.toBe(first?.messageId);
		await expect(delivery).toHaveCount(2);
		await expect(delivery.nth(1)).toContainText('sent again');
		await expect(delivery.nth(1)).toContainText('Sent');

		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		const row = page.getByTestId('overview-row').filter({ hasText: number });
		await expect(row.getByTestId('send-warning')).toHaveText(/Not valid: Peppol needed/);
	});
});
