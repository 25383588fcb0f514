import { writeFile } from 'node:fs/promises';
import { writeCamt053, type MovementSpec } from '../factories/bank-files';
import { expectAccessible, expectFitsWidth } from './axe';
import { expect, test } from './fixtures';
import { addContact, fillSellerProfile, startInvoice } from './invoice-setup';

const CUSTOMER = 'Bakkerij Peeters';
const FILE_LABEL = 'Bank statement file (CODA or camt.053 XML)';

interface Issued {
	url: string;
	number: string;
	/** 12 digits. */
	ogm: string;
}

test.describe('bank statement import', () => {
	test.setTimeout(600_000);

	test('pays three invoices, pays one in part, asks to confirm one, and a second import changes nothing', async ({
		page
	}, testInfo) => {
		await fillSellerProfile(page);
		await addContact(page, CUSTOMER, 'boekhouding@peeters.example');
		const issued: Issued[] = [];
		// Net 100, 200, … 500 at 21 % VAT: 121.00, 242.00, 363.00, 484.00, 605.00 to pay.
		for (const net of ['100', '200', '300', '400', '500']) {
			await startInvoice(page, CUSTOMER, [[`Broodbakoven, onderhoud ${net}`, '1', net]]);
			await page.getByRole('button', { name: 'Save and number the invoice' }).click();
			const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
			const ogm = ((await page.getByTestId('payment-reference').textContent()) ?? '').replace(
				/\D/g,
				''
			);
			expect(ogm).toMatch(/^\d{12}$/);
			issued.push({ url: page.url(), number, ogm });
		}
		const [first, second, third, fourth, fifth] = issued as [
			Issued,
			Issued,
			Issued,
			Issued,
			Issued
		];

		const movement = (amountCents: number, extra: Partial<MovementSpec>): MovementSpec => ({
			date: '2026-03-02',
			amountCents,
			counterpartyName: CUSTOMER,
			counterpartyIban: 'BE71096123456769',
			...extra
		});
		const ogmText = (ogm: string) => `+++${ogm.slice(0, 3)}/${ogm.slice(3, 7)}/${ogm.slice(7)}+++`;
		const file = testInfo.outputPath('statement.xml');
		await writeFile(
			file,
			writeCamt053([
				{
					iban: 'BE68539007547034',
					sequence: '2026-061',
					openingBalanceCents: 10_000,
					date: '2026-03-02',
					movements: [
						movement(121_00, { ogm: first.ogm }),
						movement(242_00, { ogm: second.ogm }),
						movement(363_00, { communication: `betaling ${ogmText(third.ogm)}` }),
						movement(200_00, { ogm: fourth.ogm }),
						movement(605_00, { communication: `Factuur ${fifth.number}` }),
						movement(-50_00, { communication: 'Huur maart', counterpartyName: 'Verhuurder' }),
						movement(75_00, {
							communication: 'Gift',
							counterpartyName: 'Onbekend',
							counterpartyIban: 'BE21001234567803'
						})
					]
				}
			])
		);

		await page.goto('/invoices');
		await page.getByRole('link', { name: 'Bank statements' }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: 'Bank statements' })).toBeVisible();
		await page.getByLabel(FILE_LABEL).setInputFiles(file);

		const paid = page.getByRole('list', { name: 'Movements: Paid' });
		await expect(page.getByRole('heading', { name: 'Paid (3)' })).toBeVisible();
		for (const invoice of [first, second, third])
			await expect(
				paid.getByRole('link', { name: `Invoice ${invoice.number}, ${CUSTOMER}` })
			).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Partly paid (1)' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'To confirm (1)' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Not matched (1)' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Not for invoices (1)' })).toBeVisible();

		await page.setViewportSize({ width: 390, height: 844 });
		await expectFitsWidth(page, '/payments with an import (phone)');
		await expectAccessible(page, '/payments with an import');

		await page
			.getByRole('button', { name: `Record as payment of invoice ${fifth.number} (${CUSTOMER})` })
			.click();
		await expect(page.getByText(`Recorded as payment of invoice ${fifth.number}`)).toBeVisible();

		for (const invoice of [first, second, third, fifth]) {
			await page.goto(invoice.url);
			await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
		}
		await page.goto(fourth.url);
		await expect(page.getByTestId('invoice-status')).toHaveText('Partly paid');
		await expect(page.getByTestId('invoice-outstanding')).toContainText('284');

		// The same statement again: every payment it held is already recorded.
		await page.goto('/payments');
		await page.getByLabel(FILE_LABEL).setInputFiles(file);
		await expect(page.getByRole('heading', { name: 'Already imported (5)' })).toBeVisible();
		for (const group of ['Paid', 'Partly paid', 'To confirm'])
			await expect(page.getByRole('heading', { name: new RegExp(`^${group} \\(`) })).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Not matched (1)' })).toBeVisible();
		await page.goto(fourth.url);
		await expect(page.getByTestId('invoice-outstanding')).toContainText('284');

		// After a reload the movement nothing matched is still listed, and can be matched now.
		await page.goto('/payments');
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Not matched (1)' })).toBeVisible();
		const unmatched = page.getByRole('list', { name: 'Movements: Not matched' });
		await expect(unmatched.getByText(/^Onbekend/)).toBeVisible();
		await unmatched
			.getByLabel(/^Invoice paid by €75\.00 from Onbekend$/)
			.selectOption({ label: `${fourth.number} · ${CUSTOMER} · €284.00` });
		await unmatched.getByRole('button', { name: 'Record as payment' }).click();
		await expect(page.getByText(`Recorded as payment of invoice ${fourth.number}`)).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { name: /^Not matched \(/ })).toHaveCount(0);
		await page.goto(fourth.url);
		await expect(page.getByTestId('invoice-outstanding')).toContainText('209');
	});

	test('refuses a damaged file and names the element, importing nothing', async ({
		page
	}, testInfo) => {
		const file = testInfo.outputPath('bomb.xml');
		await writeFile(
			file,
			'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<Document>&b;</Document>'
		);
		await page.goto('/payments');
		await page.getByLabel(FILE_LABEL).setInputFiles(file);
		await expect(page.getByRole('alert')).toContainText(
			'This file cannot be imported, nothing was changed: line 2: <!DOCTYPE> is not allowed'
		);
	});
});
