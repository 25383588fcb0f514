import { expect, test } from './fixtures';

const NL_LANGUAGE_LABEL = 'Taal van de interface';

// An American browser: the native date input would show mm/dd/yyyy whatever the app's language.
test.use({ locale: 'en-US', timezoneId: 'Europe/Brussels' });

test('dates are shown and typed day first, in the UI language, whatever the browser locale', async ({
	page
}) => {
	await page.goto('/invoices/new');
	const issueDate = page.getByLabel('Invoice date');
	const today = await page.evaluate(() => {
		const now = new Date();
		const pad = (value: number) => String(value).padStart(2, '0');
		return `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
	});
	await expect(issueDate).toHaveValue(today);
	await expect(issueDate).toHaveAttribute('placeholder', 'dd/mm/yyyy');
	await expect(issueDate).toHaveAccessibleDescription('Format: dd/mm/yyyy');

	// A date that is not on the calendar is refused with the rule; the typed text stays.
	await issueDate.fill('31/02/2027');
	await expect(issueDate).toHaveAttribute('aria-invalid', 'true');
	await expect(issueDate).toHaveAccessibleDescription(
		'Enter the date as dd/mm/yyyy, e.g. 06/12/2026.'
	);
	await expect(issueDate).toHaveValue('31/02/2027');

	await issueDate.fill('15/01/2027');
	await expect(issueDate).not.toHaveAttribute('aria-invalid');
	await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
	await page.getByLabel('Customer reference').fill('PO 4711');
	await page.reload();
	await expect(page.getByLabel('Invoice date')).toHaveValue('15/01/2027');

	// The picker button has a name and leaves the typed field as the source of the value.
	await expect(page.getByRole('button', { name: 'Choose a date' }).first()).toBeVisible();

	// Each language is chosen in Settings with the label the screen shows at that moment.
	for (const [languageLabel, language, label, pattern] of [
		['Interface language', 'Nederlands', 'Factuurdatum', 'dd/mm/jjjj'],
		[NL_LANGUAGE_LABEL, 'Français', 'Date de facture', 'jj/mm/aaaa']
	] as const) {
		await page.goto('/settings');
		await page.getByLabel(languageLabel).selectOption({ label: language });
		await page.goto('/invoices/new');
		const localized = page.getByLabel(label);
		await expect(localized).toHaveAttribute('placeholder', pattern);
		await expect(localized).toHaveValue(today);
	}
});
