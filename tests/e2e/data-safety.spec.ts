import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { addContact } from './invoice-setup';

const DAY_MS = 86_400_000;

test.describe('data safety from the first minute', () => {
	test('backup and the accountant export are one click from Settings, without sync or relay', async ({
		page
	}) => {
		await addContact(page, 'Nova NV', 'billing@nova.example');
		await page.getByRole('link', { name: 'Settings' }).click();
		const data = page.getByRole('region', { name: 'Your data' });
		await expect(data).toContainText('No backup has been made on this device yet.');
		await data.getByRole('link', { name: 'Back up my data' }).click();

		await page.getByLabel('Backup passphrase').fill('correct horse battery');
		const backup = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download encrypted backup' }).click();
		const file = await backup;
		expect(file.suggestedFilename()).toMatch(/^billfold-backup-\d{4}-\d{2}-\d{2}\.bfbackup$/);
		expect((await readFile(await file.path())).subarray(0, 10).toString()).toBe('BILLFOLDBK');
		await expect(page.getByRole('status')).toContainText('Backup downloaded');
		await expect(page.getByTestId('last-backup')).toContainText('Last backup from this device:');

		const zip = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download accountant ZIP' }).click();
		const zipFile = await zip;
		expect(zipFile.suggestedFilename()).toMatch(/^billfold-accountant-.*\.zip$/);
		expect(Object.keys(unzipSync(await readFile(await zipFile.path())))).toContain('listing.csv');

		await page.getByRole('link', { name: 'Settings' }).click();
		await expect(page.getByRole('region', { name: 'Your data' })).toContainText(
			'Last backup from this device:'
		);
	});

	test('Settings says in words whether the browser may evict the data, and what it answered', async ({
		page
	}) => {
		await page.goto('/settings');
		const storage = page.getByRole('region', { name: 'Storage on this device' });
		const persistent = await page.evaluate(() => navigator.storage.persisted());
		await expect(storage).toContainText(persistent ? 'Persistent:' : 'Not persistent:');
		if (!persistent) {
			await storage.getByRole('button', { name: 'Ask to keep data permanently' }).click();
			const granted = await page.evaluate(() => navigator.storage.persisted());
			await expect(storage.getByRole('status')).toHaveText(
				granted ? /The browser agreed/ : /The browser declined for now/
			);
		}
	});

	test('a reminder appears when changes waited 14 days for a backup, can be put off, and leads to one', async ({
		page
	}) => {
		const start = Date.now();
		await page.clock.setFixedTime(start);
		await addContact(page, 'Delta BV', 'ap@delta.example');
		const reminder = page.getByRole('complementary', { name: 'Backup reminder' });
		await page.goto('/invoices');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(reminder).toHaveCount(0);

		await page.clock.setFixedTime(start + 15 * DAY_MS);
		await page.reload();
		await expect(reminder).toContainText('not been in a backup for 14 days');
		await reminder.getByRole('button', { name: 'Remind me later' }).click();
		await expect(reminder).toHaveCount(0);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(reminder).toHaveCount(0);

		await page.clock.setFixedTime(start + 23 * DAY_MS);
		await page.reload();
		await reminder.getByRole('link', { name: 'Back up now' }).click();
		await page.getByLabel('Backup passphrase').fill('correct horse battery');
		const backup = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download encrypted backup' }).click();
		await backup;
		await expect(page.getByRole('status')).toContainText('Backup downloaded');
		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(reminder).toHaveCount(0);
	});
});
