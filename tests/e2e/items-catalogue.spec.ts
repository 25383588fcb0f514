import { expect, test } from './fixtures';

test('a priced item and a text item are added, found and archived', async ({ page }) => {
	await page.goto('/items');
	await page.getByRole('link', { name: 'Add an item' }).click();
	await page.getByLabel('Name', { exact: true }).fill('Consultancy');
	await page.getByLabel('Description').fill('On site, per hour');
	const price = page.getByLabel('Unit price excl. VAT (€)');
	await price.fill('85,x');
	await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'hour' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(price).toHaveAccessibleDescription(/Enter a price of 0 or more/);

	await page.reload();
	await expect(price).toHaveValue('85,x');
	await expect(page.getByLabel('Unit', { exact: true })).toHaveValue('HUR');
	await price.fill('85,50');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Consultancy saved.')).toBeVisible();
	await expect(page.getByText('€85.50 per hour')).toBeVisible();

	await page.getByRole('link', { name: 'Add an item' }).click();
	await page.getByLabel('Text only (no price)').check();
	await expect(page.getByLabel('Unit price excl. VAT (€)')).toHaveCount(0);
	await page.getByLabel('Name', { exact: true }).fill('Warranty');
	await page.getByLabel('Description').fill('Two years on parts and labour.');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Warranty saved.')).toBeVisible();

	const list = page.getByRole('list', { name: 'Items' });
	await expect(list.getByRole('listitem')).toHaveCount(2);
	await expect(list.getByRole('listitem').filter({ hasText: 'Warranty' })).toContainText(
		'Text only (no price)'
	);
	await page.getByLabel('Search items').fill('labour');
	await expect(list.getByRole('listitem')).toHaveCount(1);

	await page.reload();
	await page.getByRole('link', { name: 'Consultancy' }).click();
	await expect(page.getByLabel('Unit price excl. VAT (€)')).toHaveValue('85.5');
	await page.getByRole('button', { name: 'Archive' }).click();
	await expect(page.getByText('Archived.')).toBeVisible();
	await page.goto('/items');
	await expect(page.getByRole('link', { name: 'Consultancy' })).toHaveCount(0);
	await page.getByLabel('Show archived items').check();
	await expect(page.getByRole('link', { name: 'Consultancy' })).toBeVisible();
});

test('unit labels follow the interface language', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Interface language').selectOption('nl');
	await expect(page.getByLabel('Taal van de interface')).toHaveValue('nl');
	await page.goto('/items/new');
	const unit = page.getByLabel('Eenheid', { exact: true });
	await expect(unit.getByRole('option')).toHaveText([
		'stuk',
		'eenheid',
		'uur',
		'minuut',
		'dag',
		'week',
		'maand',
		'jaar',
		'kilometer',
		'meter',
		'vierkante meter',
		'kubieke meter',
		'kilogram',
		'liter',
		'kilowattuur',
		'set',
		'paar',
		'forfait'
	]);
});
