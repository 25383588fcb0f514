import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { convertedInvoiceIdOf } from '$lib/document';
import { getInvoice, putInvoice } from '$lib/storage';
import { InvoiceService } from '$lib/state/invoices.svelte.js';
import { QuoteActions } from '$lib/state/quotes.svelte.js';
import { buildInvoiceRecord } from '../factories';
import { firstDevice, pairedDevice, settle, type RelayDevice } from './sync-devices';
import { RELAY_TEST_TIMEOUT_MS, useRelayDevices } from './relay-devices';

const clock = { now: () => '2026-11-25T10:00:00.000Z', today: () => '2026-11-25' };
const devices = useRelayDevices();

function quoteActions(device: RelayDevice): QuoteActions {
	const service = new InvoiceService(() => device.db, clock, device.numbering);
	return new QuoteActions(service, () => device.db);
}

describe('two devices converting one quote at once', { timeout: RELAY_TEST_TIMEOUT_MS }, () => {
	it('write one invoice draft, which sync merges, and the quote names it on both', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const phone = devices.keep(await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }));
		const quote = buildInvoiceRecord({
			type: 'quote',
			number: 'Q-2026-0007',
			paymentReference: undefined,
			contactId: 'c1',
			status: 'sent',
			notes: 'Renovation, phase 1'
		});
		await putInvoice(laptop.db, quote);
		await settle([laptop, phone]);
		expect(await getInvoice(phone.db, quote.id)).toEqual(quote);

		// Neither device hears of the other's conversion before it makes its own.
		laptop.transport.online = false;
		phone.transport.online = false;
		const [onLaptop, onPhone] = await Promise.all([
			quoteActions(laptop).convert(quote.id, 'en'),
			quoteActions(phone).convert(quote.id, 'en')
		]);
		expect(onPhone).toBe(onLaptop);
		expect(onLaptop).toBe(convertedInvoiceIdOf(quote.id));
		laptop.transport.online = true;
		phone.transport.online = true;
		await settle([laptop, phone]);

		for (const device of [laptop, phone]) {
			const invoices = await device.db.invoices.where('documentType').equals('invoice').toArray();
			expect(
				invoices.map((row) => row.id),
				device.name
			).toEqual([onLaptop]);
			expect(await getInvoice(device.db, onLaptop), device.name).toMatchObject({
				type: 'invoice',
				status: 'draft',
				quoteId: quote.id,
				quoteReference: 'Q-2026-0007',
				notes: 'Renovation, phase 1'
			});
			expect((await getInvoice(device.db, quote.id))?.convertedInvoiceId, device.name).toBe(
				onLaptop
			);
		}
	});
});
