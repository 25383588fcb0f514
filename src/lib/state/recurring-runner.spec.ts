import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { occurrenceInvoiceId, templateFromValues, blankTemplateValues } from '$lib/recurring';
import { appDb, getInvoice, RecurringRepo } from '$lib/storage';
import { buildContact, buildSellerProfile } from '../../../tests/factories';
import type { Clock } from './invoice-effects';
import { invoiceSources } from './invoice-sources.svelte.js';
import { InvoiceService } from './invoices.svelte.js';
import { RecurringRunner } from './recurring-runner.svelte.js';
import { contactsStore, writeContact } from './contacts.svelte.js';
import { writeSellerProfile } from './seller.svelte.js';

/** The app's own database (the invoice sources read it), emptied after each test. */
const db = appDb();
const NOW = '2027-02-20T10:00:00.000Z';

// No relay in these tests: the address book does not ask one about Peppol.
beforeAll(() => contactsStore.useRelay(async () => undefined));

afterEach(async () => {
	await Promise.all(db.tables.map((table) => table.clear()));
});

function clockOn(day: string): Clock {
	return { today: () => day, now: () => `${day}T09:00:00.000Z` };
}

function runnerOn(day: string): RecurringRunner {
	const clock = clockOn(day);
	const service = new InvoiceService(appDb, clock);
	return new RecurringRunner(appDb, clock, async () => ({ service, sources: invoiceSources }));
}

async function setUp(): Promise<{ templateId: string; contactId: string }> {
	await writeSellerProfile(db, buildSellerProfile(), NOW);
	const contact = await writeContact(db, buildContact(), NOW);
	const result = templateFromValues(
		{
			...blankTemplateValues('2027-01-01'),
			name: 'Hosting Acme',
			contactId: contact.id,
			dayOfMonth: '1',
			startDate: '2027-01-01',
			lines: [
				{
					key: 'l1',
					type: 'item',
					description: 'Hosting {period}',
					quantity: '1',
					unitCode: 'C62',
					unitPrice: '20,50',
					vatCodeId: 'S21',
					discountPercent: ''
				}
			]
		},
		{ id: '0196f000-0000-7000-8000-0000000000a1', createdAt: NOW, now: NOW, notation: 'nl' }
	);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	await new RecurringRepo(db).put(result.template, NOW);
	return { templateId: result.template.id, contactId: contact.id };
}

async function invoiceCount(): Promise<number> {
	return db.invoices.count();
}

describe('recurring runner', () => {
	it('after months closed, makes each missed month once, in order, with its period; a second run makes nothing', async () => {
		const { templateId } = await setUp();
		const report = await runnerOn('2027-03-15').run();
		expect(report.made.map((made) => made.date)).toEqual([
			'2027-01-01',
			'2027-02-01',
			'2027-03-01'
		]);
		expect(report.blocked).toEqual([]);
		const march = await getInvoice(db, occurrenceInvoiceId(templateId, '2027-03-01'));
		expect(march?.status).toBe('draft');
		expect(march?.issueDate).toBe('2027-03-15');
		expect(march?.buyer?.name).toBe('Acme BV');
		// The contact's language is Dutch: the period is in Dutch; "20,50" was typed in Dutch notation.
		expect(march?.lines).toEqual([
			expect.objectContaining({ description: 'Hosting maart 2027', unitPrice: '20.5' })
		]);
		expect((await new RecurringRepo(db).get(templateId))?.lastMade).toBe('2027-03-01');

		expect((await runnerOn('2027-03-31').run()).made).toEqual([]);
		expect(await invoiceCount()).toBe(3);
		expect((await runnerOn('2027-04-01').run()).made.map((made) => made.date)).toEqual([
			'2027-04-01'
		]);
		expect(await invoiceCount()).toBe(4);
	});

	it('never overwrites an invoice it already made, even if its progress was lost', async () => {
		const { templateId } = await setUp();
		await runnerOn('2027-01-01').run();
		const id = occurrenceInvoiceId(templateId, '2027-01-01');
		const made = await getInvoice(db, id);
		if (!made) throw new Error('not made');
		await new InvoiceService(appDb, clockOn('2027-01-02')).write({
			...made,
			notes: 'Checked by me'
		});
		// Another device's copy of the template had not seen the progress yet.
		const repo = new RecurringRepo(db);
		const template = await repo.get(templateId);
		if (!template) throw new Error('no template');
		await repo.put({ ...template, lastMade: undefined }, NOW);
		await runnerOn('2027-01-02').run();
		expect(await invoiceCount()).toBe(1);
		expect((await getInvoice(db, id))?.notes).toBe('Checked by me');
	});

	it('a template whose contact was deleted makes nothing and says why; once fixed it catches up', async () => {
		const { templateId, contactId } = await setUp();
		await db.contacts.delete(contactId);
		const blocked = await runnerOn('2027-02-10').run();
		expect(blocked.made).toEqual([]);
		expect(blocked.blocked).toEqual([
			{ templateId, name: 'Hosting Acme', reason: 'contactDeleted', due: 2 }
		]);
		expect(await invoiceCount()).toBe(0);
		const repo = new RecurringRepo(db);
		const template = await repo.get(templateId);
		expect(template?.lastMade).toBeUndefined();

		const other = await writeContact(db, buildContact({ name: 'Other BV' }), NOW);
		if (!template) throw new Error('no template');
		await repo.put({ ...template, contactId: other.id }, NOW);
		const fixed = await runnerOn('2027-02-10').run();
		expect(fixed.made.map((made) => made.date)).toEqual(['2027-01-01', '2027-02-01']);
		expect((await getInvoice(db, occurrenceInvoiceId(templateId, '2027-02-01')))?.buyer?.name).toBe(
			'Other BV'
		);
	});

	it('a paused template makes nothing', async () => {
		const { templateId } = await setUp();
		const repo = new RecurringRepo(db);
		const template = await repo.get(templateId);
		if (!template) throw new Error('no template');
		await repo.put({ ...template, paused: true }, NOW);
		expect((await runnerOn('2027-05-01').run()).made).toEqual([]);
		expect(await invoiceCount()).toBe(0);
	});
});
