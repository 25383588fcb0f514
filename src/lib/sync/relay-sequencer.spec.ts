import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NumberingService, openDb, type BillfoldDb, type NumberSequencer } from '$lib/storage';
import { relaySequencer } from './relay-sequencer';
import { MemoryRelay, type MemoryTransport } from './testing/memory-relay';

let dbs: BillfoldDb[] = [];
let counter = 0;

afterEach(async () => {
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
	dbs = [];
});

function device(relay: MemoryRelay): {
	numbering: NumberingService;
	sequencer: NumberSequencer;
	transport: MemoryTransport;
	db: BillfoldDb;
} {
	const db = openDb(`numbering-${counter++}`);
	dbs.push(db);
	const transport = relay.device();
	const numbering = new NumberingService(
		() => db,
		() => '2026-11-25T10:00:00Z'
	);
	const sequencer = relaySequencer(transport);
	numbering.useSequencer(sequencer);
	return { db, transport, numbering, sequencer };
}

const invoiceId = (n: number) => `0196f000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

describe('numbering with sync on', () => {
	it('numbers online saves at once, idempotently per invoice', async () => {
		const relay = new MemoryRelay();
		const { numbering } = device(relay);
		const request = { invoiceId: invoiceId(1), seriesId: 'F-2026', issueDate: '2026-11-25' };
		expect(await numbering.reserve(request)).toEqual({
			kind: 'issued',
			sequence: 1,
			issueDate: '2026-11-25'
		});
		expect(await numbering.reserve(request)).toEqual({
			kind: 'issued',
			sequence: 1,
			issueDate: '2026-11-25'
		});
	});

	it('queues offline saves on two devices and numbers each queue in order, gap-free, on reconnect', async () => {
		const relay = new MemoryRelay();
		const a = device(relay);
		const b = device(relay);
		a.transport.online = false;
		b.transport.online = false;
		const outcomes = [];
		for (const [n, dev] of [
			[1, a],
			[2, b],
			[3, a],
			[4, b],
			[5, a]
		] as const) {
			outcomes.push(
				await dev.numbering.reserve({
					invoiceId: invoiceId(n),
					seriesId: 'F-2026',
					issueDate: `2026-11-2${n}`
				})
			);
		}
		expect(outcomes.map((outcome) => outcome.kind)).toEqual([
			'queued',
			'queued',
			'queued',
			'queued',
			'queued'
		]);
		expect(await a.numbering.queued()).toEqual([invoiceId(1), invoiceId(3), invoiceId(5)]);
		// While the queue waits, a later save queues behind it even if the relay is back.
		a.transport.online = true;
		expect(
			await a.numbering.reserve({
				invoiceId: invoiceId(6),
				seriesId: 'F-2026',
				issueDate: '2026-11-26'
			})
		).toEqual({
			kind: 'queued',
			position: 4
		});
		b.transport.online = true;
		const numbered = new Map<string, { sequence: number; issueDate: string }>();
		const record = async (id: string, issued: { sequence: number; issueDate: string }) => {
			numbered.set(id, issued);
		};
		expect(await a.numbering.drain(record)).toBe(4);
		expect(await b.numbering.drain(record)).toBe(2);
		const sequenceOf = (n: number) => numbered.get(invoiceId(n))?.sequence;
		expect([1, 3, 5, 6].map(sequenceOf)).toEqual([1, 2, 3, 4]);
		expect([2, 4].map(sequenceOf)).toEqual([5, 6]);
		const dates = [1, 3, 5, 6, 2, 4].map((n) => numbered.get(invoiceId(n))?.issueDate ?? '');
		expect(dates).toEqual([...dates].sort());
		expect(await a.numbering.queued()).toEqual([]);
	});

	it('stops at a dropped relay or a crash, and resumes with the same numbers', async () => {
		const relay = new MemoryRelay();
		const a = device(relay);
		a.transport.online = false;
		for (const n of [1, 2, 3, 4]) {
			await a.numbering.reserve({
				invoiceId: invoiceId(n),
				seriesId: 'F-2026',
				issueDate: '2026-11-25'
			});
		}
		a.transport.online = true;
		const seen: number[] = [];
		let calls = 0;
		const crashOnSecond = async (_id: string, issued: { sequence: number }) => {
			if (++calls === 2) throw new Error('tab closed while freezing');
			seen.push(issued.sequence);
		};
		await expect(a.numbering.drain(crashOnSecond)).rejects.toThrow('tab closed');
		expect(await a.numbering.queued()).toEqual([invoiceId(2), invoiceId(3), invoiceId(4)]);
		const dropAfterThird = async (_id: string, issued: { sequence: number }) => {
			seen.push(issued.sequence);
			if (issued.sequence === 3) a.transport.online = false;
		};
		expect(await a.numbering.drain(dropAfterThird)).toBe(2);
		expect(await a.numbering.queued()).toEqual([invoiceId(4)]);
		a.transport.online = true;
		expect(await a.numbering.drain(async (_id, issued) => void seen.push(issued.sequence))).toBe(1);
		expect(seen).toEqual([1, 2, 3, 4]);
	});

	it('numbers the queue once when reconnects overlap', async () => {
		const relay = new MemoryRelay();
		const a = device(relay);
		a.transport.online = false;
		for (const n of [1, 2, 3]) {
			await a.numbering.reserve({
				invoiceId: invoiceId(n),
				seriesId: 'F-2026',
				issueDate: '2026-11-25'
			});
		}
		a.transport.online = true;
		const reissued: string[] = [];
		a.numbering.reissueQueuedWith(async (id) => void reissued.push(id));
		const [first, second] = await Promise.all([
			a.numbering.numberQueue(),
			a.numbering.numberQueue()
		]);
		expect(first + second).toBe(3);
		expect(reissued).toEqual([invoiceId(1), invoiceId(2), invoiceId(3)]);
		expect(await a.numbering.queued()).toEqual([]);
	});

	it('moves the local counters to the relay once', async () => {
		const relay = new MemoryRelay();
		const a = device(relay);
		await a.db.counters.put({ series: 'F-2026', lastNumber: 41, lastIssueDate: '2026-11-20' });
		expect(await a.numbering.moveCountersToRelay(a.sequencer)).toEqual([
			{ seriesId: 'F-2026', outcome: 'seeded' }
		]);
		expect(await a.numbering.moveCountersToRelay(a.sequencer)).toEqual([]);
		expect(
			await a.numbering.reserve({
				invoiceId: invoiceId(9),
				seriesId: 'F-2026',
				issueDate: '2026-11-19'
			})
		).toEqual({
			kind: 'issued',
			sequence: 42,
			issueDate: '2026-11-20'
		});
		const b = device(relay);
		await b.db.counters.put({ series: 'F-2026', lastNumber: 3, lastIssueDate: '2026-01-01' });
		expect(await b.numbering.moveCountersToRelay(b.sequencer)).toEqual([
			{ seriesId: 'F-2026', outcome: 'in-use' }
		]);
	});
});
