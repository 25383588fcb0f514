import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNotification } from '../src/storage/postgres-events.js';

const notice = (event: unknown) => JSON.stringify({ origin: 'other-process', event });

describe('PostgreSQL event notifications', () => {
	it('reads a job-queued notice with its ids, and one without ids as old processes send it', () => {
		const ids = { workspaceId: 'ws-1', jobId: 'job-1' };
		assert.deepEqual(parseNotification(notice({ kind: 'job-queued', ...ids })), {
			origin: 'other-process',
			event: { kind: 'job-queued', ...ids }
		});
		// A process from before the ids, side by side during a rolling restart: still wakes the worker.
		assert.deepEqual(parseNotification(notice({ kind: 'job-queued' })), {
			origin: 'other-process',
			event: { kind: 'job-queued' }
		});
	});

	it('ignores payloads that are not a notice', () => {
		assert.equal(parseNotification(undefined), undefined);
		assert.equal(parseNotification('{not json'), undefined);
		assert.equal(parseNotification(notice({ kind: 'job' })), undefined);
		assert.equal(parseNotification(notice({ kind: 'unknown' })), undefined);
	});
});
