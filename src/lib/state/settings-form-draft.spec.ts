import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, readDraft, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

function draftOf(saved: { name: string }): FormDraft<{ name: string }> {
	db = openDb(`form-draft-${counter++}`);
	return new FormDraft(
		db,
		{
			key: 'test:form',
			saved: async () => ({ ...saved }),
			parse: (value) =>
				typeof value === 'object' && value !== null && 'name' in value
					? { name: String(value.name) }
					: undefined
		},
		() => '2026-11-25T10:00:00.000Z'
	);
}

describe('form drafts', () => {
	it('coalesces fast edits and always stores the last one', async () => {
		const draft = draftOf({ name: '' });
		await draft.load();
		let writes = 0;
		db.drafts.hook('creating', () => void (writes += 1));
		db.drafts.hook('updating', () => void (writes += 1));
		for (const letter of 'Peeters Webdesign') {
			draft.value.name += letter;
			void draft.changed();
		}
		await draft.flushed();
		expect(await readDraft(db, 'test:form')).toEqual({ name: 'Peeters Webdesign' });
		expect(writes).toBeLessThanOrEqual(2);
	});

	it('prefers a stored draft over the saved record and drops it on discard', async () => {
		const draft = draftOf({ name: 'Saved' });
		await draft.load();
		expect(draft.value.name).toBe('Saved');
		draft.value.name = 'Typed';
		await draft.changed();
		await draft.load();
		expect(draft.value.name).toBe('Typed');
		expect(draft.dirty).toBe(true);
		await draft.discard();
		expect(draft.value.name).toBe('Saved');
		expect(draft.dirty).toBe(false);
		expect(await readDraft(db, 'test:form')).toBeUndefined();
	});

	it('ignores a stored draft that no longer fits the form', async () => {
		const draft = draftOf({ name: 'Saved' });
		await db.drafts.put({ key: 'test:form', value: 42, updatedAt: '2026-01-01T00:00:00Z' });
		await draft.load();
		expect(draft.value.name).toBe('Saved');
		expect(draft.dirty).toBe(false);
	});
});
