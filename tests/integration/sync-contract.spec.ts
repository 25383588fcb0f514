/**
 * Contract test: the app's sync wire format (src/lib/sync/wire.ts) and the relay's copy
 * (relay/src/api/sync-schemas.ts) describe the same JSON. sync-relay.spec.ts then runs the app's
 * transport, which parses every answer with the app's schemas, against the real relay process.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as app from '$lib/sync/wire';
import * as relay from '../../relay/src/api/sync-schemas';

const shared = [
	'pushRequestSchema',
	'pushResponseSchema',
	'pullResponseSchema',
	'compactRequestSchema',
	'compactResponseSchema',
	'keyWrapSchema',
	'syncPokeSchema'
] as const;

describe('sync wire format contract', () => {
	it.each(shared)('%s is the same JSON Schema on both sides', (name) => {
		const ours = z.toJSONSchema(app[name] as z.ZodType);
		const theirs = z.toJSONSchema(relay[name] as unknown as z.ZodType);
		expect(ours).toMatchObject({ type: 'object' });
		expect(theirs).toEqual(ours);
	});

	it('agrees on the limits', () => {
		expect(relay.SYNC_MAX_ENVELOPE_BYTES).toBe(app.SYNC_MAX_ENVELOPE_BYTES);
		expect(relay.SYNC_MAX_PUSH_ROWS).toBe(app.SYNC_MAX_PUSH_ROWS);
		expect(relay.SYNC_MAX_PULL_ROWS).toBe(app.SYNC_MAX_PULL_ROWS);
	});

	it('rejects the same bad push on both sides, naming the same fields', () => {
		const bad = { rows: [{ clientId: 'x', docId: 'a b', envelope: '***' }], extra: 1 };
		const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
			[...new Set(result.error?.issues.map((issue) => issue.path.join('.')))].sort();
		const ours = app.pushRequestSchema.safeParse(bad);
		const theirs = relay.pushRequestSchema.safeParse(bad);
		expect(ours.success).toBe(false);
		expect(paths(theirs)).toEqual(paths(ours));
	});
});
