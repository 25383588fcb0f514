import type { Page } from '@playwright/test';
import { expectAccessible, expectFitsWidth, VIEWPORTS } from './axe';
import { expect } from './fixtures';
import { addContact, joinRelay, setUpSeller, startInvoice } from './invoice-setup';
import { peppolChainTest } from './peppol-setup';

// The seller of invoice-setup (enterprise number 0123456749) has an account at Recommand.
const SELLER_KBO = '0123456749';
// addContact's buyer, Acme-like: on Peppol under its enterprise number.
const BUYER_ID = '0208:0417497106';

/**
 * The relay of these tests talks to Recommand's contract server and to a local SML + SMP, so the
 * whole chain (connect, register, discover, send) runs on loopback.
 */
const test = peppolChainTest({
	companyKbo: SELLER_KBO,
	participants: [BUYER_ID],
	relayEnv: { BILLFOLD_PEPPOL_CACHE_TTL_SECONDS: '0', BILLFOLD_ACCESS_POINT_POLL_MS: '50' }
});

test('connect Recommand, register, send over Peppol; another workspace on the relay stays unaffected', async ({
	page,
	browser,
	baseURL,
	recommand
}) => {
	test.setTimeout(600_000);
	const account = recommand.accounts[0];
	if (!account) throw new Error('no Recommand account');

	await setUpSeller(page);
	await joinRelay(page);
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Peppol' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Peppol' })).toBeVisible();
	await expect(page.getByTestId('peppol-state')).toHaveText(/No Peppol access point is connected/);

	// Wrong credentials: a clear message naming the field, and nothing typed is lost.
	const connect = page.getByRole('region', { name: 'Connect an access point' });
	await connect.getByRole('radio', { name: 'Recommand' }).check();
	await expect(connect.getByTestId('provider-help')).toContainText('Paid plans');
	await expect(
		connect.getByRole('link', { name: 'How to get your Recommand credentials' })
	).toHaveAttribute('href', 'https://recommand.eu/en/docs/authentication-guide');
	await connect.getByLabel('API key').fill(account.apiKey);
	await connect.getByLabel('API secret').fill('not-the-secret');
	await connect.getByLabel('Company id').fill(account.company.id);
	await connect.getByRole('button', { name: 'Test and connect Recommand' }).click();
	await expect(connect.getByRole('alert')).toContainText('The provider rejected these credentials');
	await expect(connect.getByLabel('API key')).toHaveAccessibleDescription(/.+/);
	await expect(connect.getByLabel('API key')).toHaveValue(account.apiKey);
	await expect(connect.getByLabel('API secret')).toHaveValue('not-the-secret');
	await expect(page.getByTestId('peppol-state')).toHaveText(/No Peppol access point/);

	// The right secret: tested at Recommand, stored, and never shown back.
	await connect.getByLabel('API secret').fill(account.apiSecret);
	await connect.getByRole('button', { name: 'Test and connect Recommand' }).click();
	await expect(page.getByTestId('peppol-state')).toHaveText(
		`Connected to Recommand as ${account.company.name}.`
	);
	const change = page.getByRole('region', { name: 'Connect another account' });
	await expect(change.getByLabel('API secret')).toHaveValue('');
	await expect(change.getByLabel('API key')).toHaveValue(account.apiKey);
	const status = page.getByRole('region', { name: 'Connection' });
	await expect(status).toContainText('Stored credentials: key …a3f9');
	await expect(status).not.toContainText(account.apiSecret);
	await status.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByTestId('peppol-state')).toHaveText(/Connected to Recommand/);

	// Receiving: the enterprise number is held by another access point, the usual case when moving.
	const receive = page.getByRole('region', { name: 'Receive invoices over Peppol' });
	const own = receive.getByRole('list', { name: 'Your Peppol ids' });
	await expect(own.getByRole('listitem')).toHaveText([/0208:0123456749/, /9925:BE0123456749/]);
	recommand.registeredElsewhere.add(`0208:${SELLER_KBO}`);
	await receive.getByRole('button', { name: 'Register at Recommand' }).click();
	await expect(receive.getByRole('alert')).toContainText(
		'already registered on Peppol through another access point'
	);
	await expect(
		receive.getByRole('link', { name: 'How to move your registration to Recommand' })
	).toHaveAttribute('href', 'https://recommand.eu/docs');

	// Moved: registering now works, and the relay proves it through the SML and SMP.
	recommand.registeredElsewhere.clear();
	await receive.getByRole('button', { name: 'Register at Recommand' }).click();
	await expect(own.getByRole('listitem').first()).toHaveText(
		/0208:0123456749\s+registered, reachable for invoices and credit notes via Recommand/
	);
	await expect(receive.getByRole('alert')).toHaveCount(0);

	for (const viewport of VIEWPORTS) {
		await page.setViewportSize(viewport);
		await expectFitsWidth(page, `/settings/peppol connected (${viewport.name})`);
		await expectAccessible(page, `/settings/peppol connected (${viewport.name})`);
	}
	await page.setViewportSize(VIEWPORTS[0]);

	// Another device of the workspace sees the connection, read-only, and says why.
	const token = await joinTokenOf(page);
	const device = await browser.newContext({ baseURL });
	try {
		const member = await device.newPage();
		await member.goto(`/settings/relay?join=${encodeURIComponent(token)}`);
		await member.getByRole('button', { name: 'Add this device' }).click();
		await expect(member.getByRole('status').filter({ hasText: 'Relay connected' })).toBeVisible();
		await member.goto('/settings/peppol');
		await expect(member.getByTestId('peppol-state')).toHaveText(
			`Connected to Recommand as ${account.company.name}.`
		);
		await expect(member.getByTestId('peppol-read-only')).toContainText(
			'Only the device that created this workspace (its owner) can change the Peppol connection'
		);
		await expect(member.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
		await expect(member.getByRole('button', { name: 'Register at Recommand' })).toHaveCount(0);
		await expect(member.getByRole('region', { name: 'Connect another account' })).toHaveCount(0);
	} finally {
		await device.close();
	}

	// Sending to a buyer on Peppol goes through this workspace's Recommand account.
	await addContact(page, 'Delta NV', 'ap@delta.example');
	await startInvoice(page, 'Delta NV', [['Design', '2', '100']]);
	await page.getByRole('button', { name: 'Save and number the invoice' }).click();
	const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: `Send ${number}` });
	await expect(dialog.getByTestId('no-access-point')).toHaveCount(0);
	await dialog.getByRole('button', { name: /^Send/ }).first().click();
	const [sent] = await recommand.waitForSent(1);
	expect(sent?.companyId).toBe(account.company.id);
	expect(sent?.recipient).toBe(BUYER_ID);
	const delivery = page.getByTestId('delivery');
	await expect(delivery).toContainText(/Sent\s+via Peppol \(Recommand\)/);
	await expect(delivery).toContainText(`message id ${sent?.peppolMessageId ?? '?'}`);

	// A second workspace on the same relay has no connection of its own and never uses this one.
	const other = await browser.newContext({ baseURL });
	try {
		const second = await other.newPage();
		await setUpSeller(second);
		await joinRelay(second);
		await second.goto('/settings/peppol');
		await expect(second.getByTestId('peppol-state')).toHaveText(
			/No Peppol access point is connected/
		);
		await expect(second.getByRole('region', { name: 'Connection' })).not.toContainText('Recommand');
		await addContact(second, 'Delta NV', 'ap@delta.example');
		await startInvoice(second, 'Delta NV', [['Design', '1', '50']]);
		await second.getByRole('button', { name: 'Save and number the invoice' }).click();
		const secondNumber = (await second.getByTestId('invoice-number').textContent()) ?? '';
		await second.getByRole('button', { name: 'Send', exact: true }).click();
		const secondDialog = second.getByRole('dialog', { name: `Send ${secondNumber}` });
		await expect(secondDialog.getByTestId('no-access-point')).toContainText(
			'this workspace has no Peppol access point connected'
		);
		await expect(
			secondDialog.getByRole('link', { name: 'Connect an access point' })
		).toHaveAttribute('href', '/settings/peppol');
		await expect(secondDialog.getByRole('button', { name: 'Send now' })).toHaveCount(0);
		await secondDialog.getByRole('button', { name: 'Cancel' }).click();
		expect(recommand.sent).toHaveLength(1);
	} finally {
		await other.close();
	}

	// Disconnecting asks first and says what stops; Cancel (or Escape) keeps the connection and
	// the focus, and after Yes the focus goes to the status that says what happened.
	await page.goto('/settings/peppol');
	const disconnect = status.getByRole('button', { name: 'Disconnect Recommand' });
	await disconnect.click();
	const confirm = status.getByRole('group', { name: 'Disconnect Recommand?' });
	await expect(confirm).toContainText('stops sending invoices over Peppol through Recommand');
	await expect(confirm).toContainText('deletes the Recommand credentials it keeps');
	await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await expectAccessible(page, '/settings/peppol confirming disconnect');
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(confirm).toHaveCount(0);
	await expect(disconnect).toBeFocused();
	await expect(page.getByTestId('peppol-state')).toHaveText(/Connected to Recommand/);
	await disconnect.click();
	await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(confirm).toHaveCount(0);
	await expect(disconnect).toBeFocused();
	await disconnect.click();
	// While a test runs, Yes waits: the test's late answer would overwrite the disconnect's status.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	const testRoute = '**/peppol/connection/test';
	await page.route(testRoute, async (route) => {
		await held;
		await route.continue();
	});
	const yes = confirm.getByRole('button', { name: 'Yes, disconnect Recommand' });
	await status.getByRole('button', { name: 'Test connection' }).click();
	await expect(yes).toBeDisabled();
	release();
	await expect(yes).toBeEnabled();
	await page.unroute(testRoute);
	await yes.click();
	const state = status.getByRole('status');
	await expect(state).toHaveText(/No Peppol access point is connected/);
	await expect(state).toBeFocused();
});

/** A join token for another device of the page's workspace, asked of the relay with its device token. */
async function joinTokenOf(page: Page): Promise<string> {
	const stored = await page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('billfold');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const read = open.result
						.transaction('preferences')
						.objectStore('preferences')
						.get('relay-connection');
					read.onerror = () => reject(read.error);
					read.onsuccess = () => resolve((read.result as { value: string }).value);
				};
			})
	);
	const { baseUrl, credentials } = JSON.parse(stored) as {
		baseUrl: string;
		credentials: { workspaceId: string; deviceToken: string };
	};
	const response = await fetch(
		`${baseUrl}/api/v1/workspaces/${credentials.workspaceId}/join-tokens`,
		{
			method: 'POST',
			headers: { authorization: `Bearer ${credentials.deviceToken}` }
		}
	);
	expect(response.status).toBe(201);
	return ((await response.json()) as { joinToken: string }).joinToken;
}
