import { describe, expect, it } from 'vitest';
import { busyTask, type BusyTarget } from './busy-task';

describe('busyTask', () => {
	it('is busy while the work runs and returns its value', async () => {
		const target: BusyTarget = { busy: false, error: 'old' };
		let seen = false;
		const value = await busyTask(target, async () => {
			seen = target.busy && target.error === undefined;
			return 42;
		});
		expect([value, seen, target.busy, target.error]).toEqual([42, true, false, undefined]);
	});

	it('keeps a failure as the message and resolves undefined', async () => {
		const target: BusyTarget = { busy: false, error: undefined };
		const value = await busyTask(target, () => Promise.reject(new Error('disk full')));
		expect([value, target.busy, target.error]).toEqual([undefined, false, 'disk full']);
	});
});
