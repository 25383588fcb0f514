import { expect, test } from './fixtures';

test('the invite link the relay prints joins this device in one click', async ({
	page,
	appServer
}) => {
	expect(appServer.invitePath, 'the relay prints an invite link on first start').toBeTruthy();
	await page.goto(appServer.invitePath ?? '/settings/relay');
	await expect(page.getByText('You opened an invite link')).toBeVisible();
	await expect(page.getByLabel('Relay address')).toHaveValue(appServer.url);
	await page.getByRole('button', { name: 'Join the relay' }).click();

	await expect(page.getByText('Relay connected').first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Relay connected' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('link', { name: 'Relay connected' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Disconnect this device' })).toBeVisible();
});

test('a wrong invite token is refused with the relay’s reason', async ({ page }) => {
	await page.goto('/settings/relay');
	await page.getByLabel('Invite token').fill('not-the-right-token-at-all');
	await page.getByRole('button', { name: 'Join the relay' }).click();
	await expect(page.getByRole('alert')).toContainText('The relay refused');
	await page.getByLabel('Relay address').fill('ftp://nope');
	await page.getByRole('button', { name: 'Join the relay' }).click();
	await expect(
		page.getByText('Relay address is required and must start with http:// or https://.')
	).toBeVisible();
});
