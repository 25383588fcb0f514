import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact } from '$lib/contacts';
import { getInvoice, listSyncIssues, putInvoice } from '$lib/storage';
import { importWorkspaceKey, openEnvelope, TransportError } from '$lib/sync';
import { buildBusinessBuyer, buildContact, buildInvoiceRecord, buildItemLine } from '../factories';
import { firstDevice, pairedDevice, PASSPHRASE, settle, type RelayDevice } from './sync-devices';
import { RELAY_TEST_TIMEOUT_MS, useRelayDevices } from './relay-devices';

const NOW = '2026-11-25T10:00:00.000Z';
const devices = useRelayDevices();

async function names(device: RelayDevice): Promise<string[]> {
	return (await device.contacts.all()).map((contact) => contact.name).sort();
}

describe('sync through a real relay process', { timeout: RELAY_TEST_TIMEOUT_MS }, () => {
	it('pairs by link with the key and by passphrase; records travel and the relay holds no plaintext', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const phone = devices.keep(await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }));
		const tablet = devices.keep(
			await pairedDevice(laptop, 'tablet', undefined, { passphrase: PASSPHRASE })
		);
		const contact = buildContact({
			name: 'Brouwerij Zeldzaam',
			email: 'boekhouding@zeldzaam.example'
		});
		await laptop.contacts.put(contact.id, contact, NOW);
		const invoice = buildInvoiceRecord({
			status: 'issued',
			number: 'ZLD-2026-0042',
			sendHistory: [],
			buyer: buildBusinessBuyer({ name: 'Brouwerij Zeldzaam', vatNumber: 'BE0417497106' }),
			lines: [buildItemLine({ description: 'Hopteelt advies', unitPrice: '9876.54' })]
		});
		await putInvoice(phone.db, invoice);
		await settle([laptop, phone, tablet]);
		for (const device of [laptop, phone, tablet]) {
			expect(await device.contacts.get(contact.id), device.name).toEqual(contact);
			expect(await getInvoice(device.db, invoice.id), device.name).toEqual(invoice);
		}
		const stored = (await devices.relay.storedBytes()).toString('latin1');
		expect(stored.length).toBeGreaterThan(10_000);
		for (const secret of [
			'Zeldzaam',
			'zeldzaam',
			'ZLD-2026-0042',
			'Hopteelt',
			'9876.54',
			'987654',
			'BE0417497106'
		]) {
			expect(stored.includes(secret), secret).toBe(false);
		}
	});

	it('converges for random concurrent offline edits on three devices (property)', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const others = [
			devices.keep(await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey })),
			devices.keep(await pairedDevice(laptop, 'tablet', { rawKey: laptop.rawKey }))
		];
		const group = [laptop, ...others];
		const seed = buildContact({ name: 'Seed BV' });
		await laptop.contacts.put(seed.id, seed, NOW);
		await settle(group);
		const step = fc.oneof(
			fc.record({
				kind: fc.constant('edit' as const),
				device: fc.integer({ min: 0, max: 2 }),
				field: fc.constantFrom('name', 'city', 'customerReference', 'phone'),
				value: fc.stringMatching(/^[a-z]{1,6}$/)
			}),
			fc.record({ kind: fc.constant('toggle' as const), device: fc.integer({ min: 0, max: 2 }) })
		);
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
				for (const device of group) device.transport.online = true;
				for (const s of steps) {
					const device = group[s.device];
					if (!device) continue;
					if (s.kind === 'toggle') {
						device.transport.online = !device.transport.online;
						continue;
					}
					const current = await device.contacts.get(seed.id);
					if (!current) throw new Error('seed missing');
					const next: Contact =
						s.field === 'city'
							? { ...current, address: { ...current.address, city: s.value } }
							: { ...current, [s.field]: s.value };
					await device.contacts.put(seed.id, next, NOW);
				}
				for (const device of group) device.transport.online = true;
				await settle(group);
				const seen = await Promise.all(group.map((device) => device.contacts.get(seed.id)));
				expect(seen[1]).toEqual(seen[0]);
				expect(seen[2]).toEqual(seen[0]);
			}),
			{ numRuns: 6 }
		);
	});

	it('loses nothing when the relay is killed mid-sync and restarted', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const phone = devices.keep(
			await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }, { pullPage: 10 })
		);
		await settle([laptop, phone]);
		phone.transport.online = false;
		const saved = Array.from({ length: 60 }, (_, i) =>
			buildContact({ name: `Klant ${String(i).padStart(2, '0')}` })
		);
		for (const contact of saved.slice(0, 40)) await laptop.contacts.put(contact.id, contact, NOW);
		await settle([laptop]);

		// 1. The phone pulls page by page; the relay dies (SIGKILL) under it after the second page.
		let pages = 0;
		const pull = phone.transport.inner.pull.bind(phone.transport.inner);
		phone.transport.inner.pull = async (after, limit) => {
			const page = await pull(after, limit);
			if (++pages === 2) await devices.relay.kill();
			return page;
		};
		phone.transport.online = true;
		await phone.runtime.engine.syncNow();
		expect(phone.runtime.engine.status.state).toBe('offline');
		expect(phone.runtime.engine.status.cursor).toBeGreaterThan(0);
		phone.transport.inner.pull = pull;
		await devices.relay.restart();

		// 2. The relay stores the laptop's next push, then dies before the answer gets out.
		const push = laptop.transport.inner.push.bind(laptop.transport.inner);
		let killed = false;
		laptop.transport.inner.push = async (rows) => {
			const acks = await push(rows);
			if (!killed) {
				killed = true;
				await devices.relay.kill();
				throw new TransportError('offline', 'connection reset');
			}
			return acks;
		};
		for (const contact of saved.slice(40)) await laptop.contacts.put(contact.id, contact, NOW);
		await laptop.runtime.engine.syncNow();
		expect(killed).toBe(true);
		expect(laptop.runtime.engine.status.pending).toBeGreaterThan(0);

		// 3. Back up: the retried push is recognised by its client ids, and the phone catches up.
		await devices.relay.restart();
		await settle([laptop, phone]);
		expect(await names(phone)).toEqual(saved.map((contact) => contact.name).sort());
		const log = await laptop.transport.inner.pull(0, 1000);
		const clientIds = log.rows.map((row) => row.clientId);
		expect(new Set(clientIds).size).toBe(clientIds.length);
		expect(log.rows.map((row) => row.seq)).toEqual(log.rows.map((_, i) => i + 1));
		expect(await phone.db.docUpdates.count()).toBe(await laptop.db.docUpdates.count());
	});

	it('fails with the wrong key and applies nothing', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const contact = buildContact({ name: 'Geheim NV' });
		await laptop.contacts.put(contact.id, contact, NOW);
		await settle([laptop]);
		const thief = devices.keep(
			await pairedDevice(laptop, 'thief', { rawKey: new Uint8Array(32).fill(3) })
		);
		await thief.runtime.engine.syncNow();
		expect(thief.runtime.engine.status).toMatchObject({ state: 'error', cursor: 0 });
		expect(thief.runtime.engine.status.error).toMatch(/wrong key or tampered/);
		expect(await thief.contacts.all()).toEqual([]);
		const row = (await laptop.transport.inner.pull(0, 1)).rows[0];
		if (!row) throw new Error('no row');
		const rightKey = await importWorkspaceKey(laptop.rawKey);
		const context = {
			workspaceId: laptop.credentials.workspaceId,
			docId: row.docId,
			kind: row.kind
		};
		await expect(openEnvelope(rightKey, context, row.envelope)).resolves.toBeInstanceOf(Uint8Array);
		await expect(
			openEnvelope(rightKey, { ...context, workspaceId: 'another-workspace' }, row.envelope)
		).rejects.toThrow('wrong key or tampered');
	});

	it('compacts into snapshots that keep later rows; a new device bootstraps from them', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay, { compactAfterRows: 4 }));
		const contact = buildContact({ name: 'Veel Wijzigingen BV' });
		for (let i = 0; i < 9; i++) {
			await laptop.contacts.put(contact.id, { ...contact, customerReference: `PO-${i}` }, NOW);
			await laptop.runtime.engine.syncNow();
		}
		await settle([laptop]);
		const before = await laptop.transport.inner.pull(0, 1000);
		const ofDoc = before.rows.filter((row) => row.docId === contact.id);
		expect(ofDoc.some((row) => row.kind === 'snapshot')).toBe(true);
		expect(ofDoc.length).toBeLessThan(9);
		const other = buildContact({ name: 'Later BV' });
		await laptop.contacts.put(other.id, other, NOW);
		await laptop.contacts.put(contact.id, { ...contact, customerReference: 'PO-final' }, NOW);
		await settle([laptop]);
		const after = await laptop.transport.inner.pull(0, 1000);
		expect(after.rows.at(-1)?.kind).toBe('update');
		const fresh = devices.keep(
			await pairedDevice(laptop, 'fresh', undefined, { passphrase: PASSPHRASE })
		);
		await settle([laptop, fresh]);
		expect(await fresh.contacts.get(contact.id)).toEqual({
			...contact,
			customerReference: 'PO-final'
		});
		expect(await fresh.contacts.get(other.id)).toEqual(other);
		expect(await listSyncIssues(fresh.db)).toEqual([]);
	});

	it('numbers offline saves on reconnect: unique, gap-free and in order on every device', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const phone = devices.keep(await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }));
		laptop.transport.online = false;
		phone.transport.online = false;
		const id = (n: number) => `0196f000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
		const outcomes = [];
		for (const [n, device] of [
			[1, laptop],
			[2, phone],
			[3, laptop],
			[4, phone]
		] as const) {
			outcomes.push(
				await device.numbering.reserve({
					invoiceId: id(n),
					seriesId: 'F-2026',
					issueDate: '2026-11-25'
				})
			);
		}
		expect(outcomes.every((outcome) => outcome.kind === 'queued')).toBe(true);
		const numbers = new Map<string, number>();
		const freeze = async (invoiceId: string, issued: { sequence: number }) => {
			numbers.set(invoiceId, issued.sequence);
		};
		laptop.transport.online = true;
		phone.transport.online = true;
		await Promise.all([laptop.numbering.drain(freeze), phone.numbering.drain(freeze)]);
		expect([...numbers.values()].sort()).toEqual([1, 2, 3, 4]);
		expect(numbers.get(id(1))).toBeLessThan(numbers.get(id(3)) ?? 0);
		expect(numbers.get(id(2))).toBeLessThan(numbers.get(id(4)) ?? 0);
		const again = await laptop.numbering.reserve({
			invoiceId: id(1),
			seriesId: 'F-2026',
			issueDate: '2026-11-25'
		});
		expect(again).toEqual({
			kind: 'issued',
			sequence: numbers.get(id(1)),
			issueDate: '2026-11-25'
		});
	});
});
