import { describe, expect, it } from 'vitest';
import { createAction } from './action.svelte';

class Refused extends Error {}

describe('createAction', () => {
	it('is busy while the task runs and clears the last outcome first', async () => {
		const action = createAction();
		action.notice = 'sent';
		action.error = 'old';
		let seen: unknown[] = [];
		await action.run(async () => {
			seen = [action.busy, action.notice, action.error];
			action.notice = 'queued';
		});
		expect(seen).toEqual([true, undefined, undefined]);
		expect([action.busy, action.notice, action.error]).toEqual([false, 'queued', undefined]);
	});

	it('keeps a failure as its message instead of throwing it', async () => {
		const action = createAction();
		await action.run(() => Promise.reject(new Error('relay unreachable')));
		expect([action.busy, action.error]).toEqual([false, 'relay unreachable']);
	});

	it("words a failure the caller's way and keeps what was thrown", async () => {
		const refusal = new Refused('rules');
		const action = createAction((error) => (error instanceof Refused ? undefined : 'other'));
		await action.run(() => Promise.reject(refusal));
		expect([action.error, action.caught]).toEqual([undefined, refusal]);
		await action.run(() => Promise.reject(new Error('disk full')));
		expect(action.error).toBe('other');
		await action.run(async () => {});
		expect([action.error, action.caught]).toEqual([undefined, undefined]);
	});
});
