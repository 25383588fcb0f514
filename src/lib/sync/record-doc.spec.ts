import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	captureUpdate,
	docFromUpdates,
	FrozenRecordError,
	markDeleted,
	readRecord,
	rejectedFields,
	writeRecord,
	type JsonObject
} from './record-doc';

const rule = {
	isFrozen: (record: unknown) => (record as { status?: string }).status === 'issued',
	mutableFields: ['status', 'payments']
};

function save(doc: Y.Doc, record: JsonObject): Uint8Array | undefined {
	return captureUpdate(doc, () =>
		writeRecord(
			doc,
			{ docId: 'r1', record, createdAt: 'c', updatedAt: 'u', schemaVersion: 1 },
			rule
		)
	);
}

describe('a record as a Y.Doc', () => {
	it('round-trips nested objects, arrays and removed fields', () => {
		const doc = new Y.Doc();
		const record = { name: 'Acme', address: { city: 'Gent', lines: ['a', 'b'] }, tags: [1, 2] };
		save(doc, record);
		expect(readRecord(doc, rule).record).toEqual(record);
		save(doc, { name: 'Acme', address: { city: 'Gent' } });
		expect(readRecord(doc, rule).record).toEqual({ name: 'Acme', address: { city: 'Gent' } });
	});

	it('produces no update when nothing changed, and a small one for one field', () => {
		const doc = new Y.Doc();
		const record = { name: 'Acme', notes: 'x'.repeat(2000) };
		save(doc, record);
		expect(save(doc, record)).toBeUndefined();
		const update = save(doc, { ...record, name: 'Acme BV' });
		expect(update?.length).toBeLessThan(100);
	});

	it('merges concurrent edits of different fields and of the same nested object', () => {
		const base = new Y.Doc();
		const first = save(base, { name: 'Acme', address: { city: 'Gent', street: 'Meir 1' } });
		const a = docFromUpdates(first ? [first] : []);
		const b = docFromUpdates(first ? [first] : []);
		const ua = save(a, { name: 'Acme BV', address: { city: 'Gent', street: 'Meir 1' } });
		const ub = save(b, { name: 'Acme', address: { city: 'Brugge', street: 'Meir 1' } });
		for (const [doc, update] of [
			[a, ub],
			[b, ua]
		] as const)
			if (update) Y.applyUpdate(doc, update);
		expect(readRecord(a).record).toEqual({
			name: 'Acme BV',
			address: { city: 'Brugge', street: 'Meir 1' }
		});
		expect(readRecord(b).record).toEqual(readRecord(a).record);
	});

	it('freezes on issue: frozen fields refuse changes, mutable ones still change', () => {
		const doc = new Y.Doc();
		save(doc, { status: 'draft', lines: [1] });
		save(doc, { status: 'issued', lines: [1], number: 'F-1' });
		expect(readRecord(doc, rule).frozen).toEqual({ lines: [1], number: 'F-1' });
		expect(() => save(doc, { status: 'issued', lines: [2], number: 'F-1' })).toThrow(
			FrozenRecordError
		);
		save(doc, { status: 'paid', lines: [1], number: 'F-1', payments: [5] });
		expect(readRecord(doc, rule).record).toEqual({
			status: 'paid',
			lines: [1],
			number: 'F-1',
			payments: [5]
		});
		expect(() => markDeleted(doc, 'r1', 'now', rule)).toThrow(FrozenRecordError);
	});

	it('shows the frozen values and names the late edit that was not applied', () => {
		const start = new Y.Doc();
		const first = save(start, { status: 'draft', lines: [1], notes: 'a' });
		const issuer = docFromUpdates(first ? [first] : []);
		const stale = docFromUpdates(first ? [first] : []);
		const freeze = save(issuer, { status: 'issued', lines: [1], notes: 'a', number: 'F-1' });
		const late = save(stale, { status: 'draft', lines: [9], notes: 'a' });
		const before = readRecord(issuer, rule);
		if (late) Y.applyUpdate(issuer, late);
		const after = readRecord(issuer, rule);
		expect(after.record).toEqual({ status: 'issued', lines: [1], notes: 'a', number: 'F-1' });
		expect(rejectedFields(before, after, rule)).toEqual(['lines']);
		const staleBefore = readRecord(stale, rule);
		if (freeze) Y.applyUpdate(stale, freeze);
		const staleAfter = readRecord(stale, rule);
		expect(staleAfter.record).toEqual(after.record);
		expect(rejectedFields(staleBefore, staleAfter, rule)).toEqual(['lines']);
	});

	it('marks deletion in the meta and revives on a later save', () => {
		const doc = new Y.Doc();
		save(doc, { name: 'Acme' });
		markDeleted(doc, 'r1', 'later', rule);
		expect(readRecord(doc).meta).toMatchObject({
			deleted: true,
			updatedAt: 'later',
			createdAt: 'c'
		});
		save(doc, { name: 'Acme' });
		expect(readRecord(doc).meta.deleted).toBe(false);
	});
});
