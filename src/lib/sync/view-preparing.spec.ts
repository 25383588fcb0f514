import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildContact } from '../../../tests/factories';
import { prepareViews } from './page-views';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';
import { ViewPreparing } from './view-preparing';

// The real module, only counted: which pulls prepare views is what this spec is about.
vi.mock('./page-views', async (actual) => {
	const real = await actual<typeof import('./page-views')>();
	return { ...real, prepareViews: vi.fn(real.prepareViews) };
});

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

async function device(relay: MemoryRelay, name: string): Promise<TestDevice> {
	const started = await startDevice(relay, name);
	open.push(started);
	return started;
}

/** The pull's work during `run`: prepareViews calls and envelopes decrypted. */
async function counted(run: () => Promise<void>): Promise<{ prepared: number; decrypted: number }> {
	const prepare = vi.mocked(prepareViews);
	prepare.mockClear();
	const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
	await run();
	const result = { prepared: prepare.mock.calls.length, decrypted: decrypt.mock.calls.length };
	decrypt.mockRestore();
	return result;
}

describe('preparing views in a pull', () => {
	it('is skipped by a device catching up on docs it holds, which decrypts none of its own rows', async () => {
		const relay = new MemoryRelay();
		const a = await device(relay, 'a');
		const b = await device(relay, 'b');
		await a.contacts.put('shared', buildContact({ name: 'Shared BV' }), NOW);
		await settle([a, b], relay);
		a.transport.online = false;
		for (const name of ['A1 BV', 'A2 BV', 'A3 BV']) {
			const contact = buildContact({ name });
			await a.contacts.put(contact.id, contact, NOW);
		}
		for (const name of ['B1 BV', 'B2 BV']) {
			const contact = buildContact({ name });
			await b.contacts.put(contact.id, contact, NOW);
		}
		await settle([b], relay);
		// Offline, B hears nothing of A's rows, so the count below is A's work alone.
		b.transport.online = false;
		a.transport.online = true;
		// A pushes its three rows after B's two, then pulls all five: only B's need decrypting.
		const work = await counted(() => settle([a], relay));
		expect(work).toEqual({ prepared: 0, decrypted: 2 });
		expect((await a.contacts.all()).map(({ name }) => name).sort()).toEqual(
			['A1 BV', 'A2 BV', 'A3 BV', 'B1 BV', 'B2 BV', 'Shared BV'].sort()
		);
	});

	it('is done by a new device, for every row it pulls', async () => {
		const relay = new MemoryRelay();
		const a = await device(relay, 'a');
		for (const name of ['A1 BV', 'A2 BV', 'A3 BV']) {
			const contact = buildContact({ name });
			await a.contacts.put(contact.id, contact, NOW);
		}
		await settle([a], relay);
		const work = await counted(async () => {
			const fresh = await device(relay, 'fresh');
			await settle([fresh], relay);
		});
		expect(work.prepared).toBeGreaterThan(0);
		expect(work.decrypted).toBe(3);
	});

	it('stops after a page whose views went mostly unused', () => {
		const views = (size: number, used: number) => ({
			views: new Map(Array.from({ length: size }, (_, index) => [`doc-${index}`, undefined!])),
			used: new Set(Array.from({ length: used }, (_, index) => `doc-${index}`))
		});
		const preparing = new ViewPreparing(true);
		preparing.applied(views(4, 2));
		expect(preparing.on).toBe(true);
		preparing.applied(views(4, 1));
		expect(preparing.on).toBe(false);
		preparing.applied(views(4, 4));
		expect(preparing.on).toBe(false);
		expect(new ViewPreparing(false).on).toBe(false);
	});
});
