import type { BrowserContext, Page } from '@playwright/test';
import { expectAccessible, expectFitsWidth, VIEWPORTS } from './axe';
import { expect, test } from './fixtures';
import { recipients as recipientsOf } from './invoice-files';
import { addContact, fillSellerProfile, joinRelay } from './invoice-setup';
import { expectSynced, pairTwoDevices } from './sync-setup';

/** Opens the sync page until every local change is pushed. */
async function pushed(page: Page): Promise<void> {
	await page.goto('/settings/sync');
	await expectSynced(page);
	await expect(page.getByTestId('sync-pending')).toHaveText('Nothing waiting to sync', {
		timeout: 20_000
	});
}

/**
 * Holds every sync push of `context` until the returned release is called. The device pushes over
 * its events socket when the relay's `ready` says it takes pushes; with that flag taken out of the
 * socket's `ready`, its pushes go over HTTP, where they wait.
 */
async function holdPushes(context: BrowserContext): Promise<() => void> {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.routeWebSocket(/\/events$/, (socket) => {
		const server = socket.connectToServer();
		socket.onMessage((message) => server.send(message));
		server.onMessage((message) => {
			const parsed: unknown = typeof message === 'string' ? JSON.parse(message) : undefined;
			if (parsed && typeof parsed === 'object' && 'pushes' in parsed) {
				const { pushes: _taken, ...withoutPushes } = parsed;
				socket.send(JSON.stringify(withoutPushes));
			} else socket.send(message);
		});
	});
	await context.route('**/sync/push', async (route) => {
		await held;
		// A request the page gave up on meanwhile is gone; the engine pushes those rows again.
		await route.continue().catch(() => undefined);
	});
	return release;
}

/** A monthly template through the form: one free-text line that names its period. */
async function addTemplate(
	page: Page,
	options: { name: string; contact: string; day: string; start: string; issueAndSend?: boolean }
): Promise<void> {
	await page.goto('/recurring');
	await page.getByRole('link', { name: 'Add a recurring invoice' }).click();
	await page.getByLabel('Name', { exact: true }).fill(options.name);
	await page.getByLabel('Customer', { exact: true }).selectOption({ label: options.contact });
	await page.getByRole('button', { name: 'Add free-text line' }).click();
	await page.getByLabel('Description of line 1').fill('Hosting {period}');
	await page.getByLabel('Quantity of line 1').fill('1');
	await page.getByLabel('Unit price of line 1').fill('20');
	await page.getByLabel('Day of the month').fill(options.day);
	await page.getByLabel('First invoice on or after').fill(options.start);
	if (options.issueAndSend) await page.getByLabel('Issue and send automatically').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/recurring$/);
	await expect(page.getByText(`${options.name} saved.`)).toBeVisible();
}

/** The overview's rows for a customer, read after the list has loaded. */
async function invoiceRows(page: Page, customer: string): Promise<number> {
	await page.goto('/invoices');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
	const rows = page.getByTestId('overview-row').filter({ hasText: customer });
	await expect(rows.first()).toBeVisible({ timeout: 20_000 });
	return rows.count();
}

/** A private individual: e-mail is their channel, so "Issue and send" needs no access point. */
async function addPerson(page: Page, name: string, email: string): Promise<void> {
	await page.goto('/contacts/new');
	await page.getByLabel('Private individual').check();
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Street and number').fill('Kerkstraat 5');
	await page.getByLabel('Postal code').fill('9000');
	await page.getByLabel('City').fill('Gent');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** dd/mm/yyyy, as the date fields take it in the English UI. */
function typed(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

test.describe('recurring invoices', () => {
	test('a monthly invoice is made exactly once when two paired devices open on the due date', async ({
		browser,
		appServer
	}) => {
		test.setTimeout(300_000);
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const [pageA, pageB] = await pairTwoDevices(a, b);

		// A sets up the business, a customer and a template that starts on 1 January 2027.
		await fillSellerProfile(pageA);
		await addContact(pageA, 'Acme BV', 'invoices@acme.example');
		await addTemplate(pageA, {
			name: 'Hosting Acme',
			contact: 'Acme BV',
			day: '1',
			start: '01/01/2027'
		});
		await expect(pageA.getByTestId('next-due')).toHaveText('Next: January 1, 2027');
		await pushed(pageA);
		await expect
			.poll(
				async () => {
					await pageB.goto('/recurring');
					return pageB.getByTestId('next-due').allTextContents();
				},
				{ timeout: 60_000 }
			)
			.toEqual(['Next: January 1, 2027']);

		// Both devices open the app on the due date, A first. A's pushes are held until B has made
		// the invoice too, so each device makes it without having seen the other's: the race at its
		// worst, made certain instead of left to timing.
		const release = await holdPushes(a);
		const due = new Date('2027-01-01T09:00:00');
		// Off the app first: a page left open would run (and make it) the moment its clock moves.
		await Promise.all([pageA.goto('about:blank'), pageB.goto('about:blank')]);
		await Promise.all([pageA.clock.setFixedTime(due), pageB.clock.setFixedTime(due)]);
		for (const page of [pageA, pageB]) {
			await page.goto('/recurring');
			await expect(
				page.getByRole('status').filter({ hasText: 'Made 1 recurring invoice.' })
			).toBeVisible({
				timeout: 30_000
			});
			await expect(page.getByTestId('next-due')).toHaveText('Next: February 1, 2027');
		}
		release();
		await a.unrouteAll({ behavior: 'wait' });

		// After both have pushed and pulled, each holds one invoice for the occurrence, not two.
		await pushed(pageA);
		await pushed(pageB);
		await pushed(pageA);
		for (const page of [pageA, pageB]) {
			expect(await invoiceRows(page, 'Acme BV')).toBe(1);
			await page
				.getByTestId('overview-row')
				.filter({ hasText: 'Acme BV' })
				.getByRole('link')
				.click();
			// Acme (Antwerp) reads Dutch: the period is written in the invoice's language.
			await expect(page.getByLabel('Description of line 1')).toHaveValue('Hosting januari 2027');
		}
		const urlA = new URL(pageA.url()).pathname;
		expect(new URL(pageB.url()).pathname).toBe(urlA);
		await a.close();
		await b.close();
	});

	test('"Issue and send automatically": two paired devices open on the due date, the invoice gets one number and one e-mail', async ({
		browser,
		appServer,
		smtp
	}) => {
		// Pairing, the official rules, a PDF and a relay send on two devices: minutes on a busy machine.
		test.setTimeout(600_000);
		// The relay numbers and sends on its own clock, which refuses issue dates far from today:
		// the template falls due today, and the devices first see the workspace the day before.
		const today = new Date();
		today.setHours(9, 0, 0, 0);
		const yesterday = new Date(today.getTime() - 24 * 3600 * 1000);
		const address = `billing-${Date.now()}@peeters.example`;
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const [pageA, pageB] = await pairTwoDevices(a, b);
		await Promise.all([pageA.goto('about:blank'), pageB.goto('about:blank')]);
		await Promise.all([pageA.clock.setFixedTime(yesterday), pageB.clock.setFixedTime(yesterday)]);

		await fillSellerProfile(pageA);
		await addPerson(pageA, 'Jan Peeters', address);
		await addTemplate(pageA, {
			name: 'Lessons Peeters',
			contact: 'Jan Peeters',
			day: String(today.getDate()),
			start: typed(today),
			issueAndSend: true
		});
		await expect(pageA.getByTestId('next-due')).toHaveText(/^Next: /);
		await pushed(pageA);
		await expect
			.poll(
				async () => {
					await pageB.goto('/recurring');
					return pageB.getByTestId('next-due').count();
				},
				{ timeout: 60_000 }
			)
			.toBe(1);

		// As in the test above: A's pushes wait until B has made, issued and sent it too.
		const release = await holdPushes(a);
		await Promise.all([pageA.goto('about:blank'), pageB.goto('about:blank')]);
		await Promise.all([pageA.clock.setFixedTime(today), pageB.clock.setFixedTime(today)]);
		for (const page of [pageA, pageB]) {
			await page.goto('/recurring');
			await expect(
				page.getByRole('status').filter({ hasText: 'Made 1 recurring invoice.' })
			).toBeVisible({ timeout: 60_000 });
			// Neither device reports it not issued or not sent.
			await expect(page.getByRole('alert')).toHaveCount(0);
		}
		release();
		await a.unrouteAll({ behavior: 'wait' });

		const mail = await smtp.waitFor((message) => recipientsOf(message).includes(address));
		await pushed(pageA);
		await pushed(pageB);
		await pushed(pageA);
		const numbers: string[] = [];
		for (const page of [pageA, pageB]) {
			expect(await invoiceRows(page, 'Jan Peeters')).toBe(1);
			await page
				.getByTestId('overview-row')
				.filter({ hasText: 'Jan Peeters' })
				.getByRole('link')
				.click();
			numbers.push((await page.getByTestId('invoice-number').textContent())?.trim() ?? '');
		}
		expect(numbers[0]).toMatch(/\d/);
		expect(numbers[1]).toBe(numbers[0]);
		expect(`${mail.subject ?? ''} ${mail.text ?? ''}`).toContain(numbers[0]);
		// Once: both devices issued and sent it, the relay numbered and delivered it once.
		expect(smtp.messages.filter((message) => recipientsOf(message).includes(address))).toHaveLength(
			1
		);
		await a.close();
		await b.close();
	});

	test('a template whose contact was deleted makes nothing and says why; fixed, it catches up', async ({
		page
	}) => {
		test.setTimeout(120_000);
		await page.clock.setFixedTime(new Date('2027-03-10T09:00:00'));
		await fillSellerProfile(page);
		await addContact(page, 'Gone BV', 'ap@gone.example');
		await addContact(page, 'Stays BV', 'ap@stays.example');

		// Bad schedule fields are named with their rule; nothing is saved.
		await page.goto('/recurring/new');
		await page.getByLabel('Day of the month').fill('32');
		await page.getByLabel('First invoice on or after').fill('01/04/2027');
		await page.getByLabel('On a date').check();
		await page.getByLabel('Last invoice on or before').fill('01/03/2027');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByLabel('Last invoice on or before')).toHaveAccessibleDescription(
			/Last invoice on or before: it must not be before the first invoice's date\./
		);
		await expect(page.getByLabel('Day of the month')).toHaveAccessibleDescription(
			/Day of the month: "32" is not a day of the month from 1 to 31\./
		);
		await expect(page.getByText('Name: enter a value.')).toBeVisible();
		await expect(page.getByText('Customer: choose a contact.')).toBeVisible();
		await expect(page.getByText('Lines: add at least one line.')).toBeVisible();
		await expect(page).toHaveURL(/\/recurring\/new$/);
		await page.getByRole('button', { name: 'Discard changes' }).click();

		await addTemplate(page, {
			name: 'Support Gone',
			contact: 'Gone BV',
			day: '1',
			start: '01/04/2027'
		});
		await page.goto('/contacts');
		await page.getByRole('link', { name: 'Gone BV' }).click();
		await page.getByRole('button', { name: 'Delete…' }).click();
		await page.getByRole('button', { name: 'Delete', exact: true }).click();
		await expect(page).toHaveURL(/\/contacts$/);

		// On the due date the template is blocked: on its row, in the run's report, on its page.
		await page.clock.setFixedTime(new Date('2027-04-02T09:00:00'));
		await page.goto('/recurring');
		const row = page.getByRole('listitem').filter({ hasText: 'Support Gone' });
		await expect(row.getByRole('alert')).toHaveText(
			/Its contact was deleted\. Choose another contact/
		);
		await expect(
			page.getByRole('alert').filter({ hasText: '1 invoice is due but not made' })
		).toBeVisible();
		await expect(row.getByTestId('next-due')).toHaveText('Next: April 1, 2027');
		await page.goto('/invoices');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByTestId('overview-row')).toHaveCount(0);

		await page.goto('/recurring');
		await page.getByRole('link', { name: 'Edit Support Gone' }).click();
		await expect(page.getByRole('alert')).toContainText('Its contact was deleted');
		await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Stays BV' });
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Support Gone saved.' })).toBeVisible();

		// The next run (the shell runs on every page load) makes the missed invoice once.
		await page.goto('/recurring');
		await expect(page.getByTestId('next-due')).toHaveText('Next: May 1, 2027');
		expect(await invoiceRows(page, 'Stays BV')).toBe(1);
		await page.reload();
		expect(await invoiceRows(page, 'Stays BV')).toBe(1);
	});

	test('Make recurring from an invoice; the pages pass axe on a laptop and a phone', async ({
		page
	}) => {
		// axe on a long editor at two widths takes minutes on a busy two-core machine.
		test.setTimeout(600_000);
		await fillSellerProfile(page);
		await addContact(page, 'Acme BV', 'invoices@acme.example');
		await page.goto('/invoices/new');
		await page.getByLabel('Search a contact').fill('acme');
		await page.getByRole('option', { name: /Acme BV/ }).click();
		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByLabel('Description of line 1').fill('Onderhoud');
		await page.getByLabel('Quantity of line 1').fill('2');
		await page.getByLabel('Unit price of line 1').fill('45');
		await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
		// The draft's own page (a reload) offers it.
		await page.reload();
		await page.getByRole('link', { name: 'Make recurring' }).click();
		// The invoice page is still there for a moment, and toHaveValue does not retry on a match
		// that is not a form control: wait for the template editor first.
		await expect(page.getByRole('heading', { name: 'New recurring invoice' })).toBeVisible();
		await expect(page.getByRole('combobox', { name: 'Customer', exact: true })).toHaveValue(/.+/);
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Onderhoud');
		await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme BV');
		for (const viewport of VIEWPORTS) {
			await page.setViewportSize(viewport);
			await expectAccessible(page, `recurring editor ${viewport.name}`);
			await expectFitsWidth(page, `recurring editor ${viewport.name}`);
		}
		await page.setViewportSize(VIEWPORTS[0]);
		await page.getByLabel('Description of line 1').fill('Onderhoud {period}');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page).toHaveURL(/\/recurring$/);
		await expect(page.getByRole('link', { name: 'Edit Acme BV' })).toBeVisible();
		await page.getByRole('button', { name: 'Pause Acme BV' }).click();
		await expect(page.getByText('Paused', { exact: true })).toBeVisible();

		// The relay's nudge: unavailable before joining, then opted in and out from this page.
		await expect(
			page.getByText('Available once this device is connected to a relay')
		).toBeVisible();
		await joinRelay(page);
		await page.goto('/recurring');
		await expect(page.getByText(/learns only an e-mail address and the dates/)).toBeVisible();
		const nudgeAddress = page.getByLabel('E-mail address for these reminders');
		await nudgeAddress.fill('not an address');
		await page.getByRole('button', { name: 'Turn on' }).click();
		await expect(nudgeAddress).toHaveAccessibleDescription(/email: must be an e-mail address/);
		await nudgeAddress.fill('me@acme-owner.example');
		await page.getByRole('button', { name: 'Turn on' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Reminders go to me@acme-owner.example.' })
		).toBeVisible();
		await page.reload();
		await expect(page.getByText('On: reminders go to me@acme-owner.example.')).toBeVisible();
		for (const viewport of VIEWPORTS) {
			await page.setViewportSize(viewport);
			await expectAccessible(page, `recurring list ${viewport.name}`);
			await expectFitsWidth(page, `recurring list ${viewport.name}`);
		}
		await page.getByRole('button', { name: 'Turn off and delete' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'the relay deleted the address and the dates' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Resume Acme BV' }).click();
		await page.getByRole('button', { name: 'Delete Acme BV' }).click();
		await page.getByRole('button', { name: 'Delete', exact: true }).click();
		await expect(page.getByText('No recurring invoices yet.', { exact: false })).toBeVisible();
	});
});
