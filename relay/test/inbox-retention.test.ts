import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../src/clock.js';
import { call } from './helpers/http.js';
import { startInboxRelay, type InboxRelay } from './helpers/inbox-relay.js';
import { joinDevice, type DeviceCredentials } from './helpers/workspace.js';

const DAY = 24 * 3600 * 1000;
const SUPPLIER = '0208:0123456749';

/** Real time plus what the test skipped ahead, so the intake keeps its schedule. */
function skippableClock(): Clock & { skip(ms: number): void } {
	let offset = 0;
	return { now: () => Date.now() + offset, skip: (ms) => (offset += ms) };
}

async function stillStored(r: InboxRelay, id: string): Promise<boolean> {
	const answer = await call(
		r.t.url,
		'GET',
		`/api/v1/workspaces/${r.device.workspaceId}/inbox/${id}`,
		{ token: r.device.deviceToken }
	);
	assert.ok(answer.status === 200 || answer.status === 404, answer.text);
	return answer.status === 200;
}

async function revoke(r: InboxRelay, device: DeviceCredentials): Promise<void> {
	const answer = await call(
		r.t.url,
		'DELETE',
		`/api/v1/workspaces/${r.device.workspaceId}/devices/${device.deviceId}`,
		{ token: r.device.deviceToken }
	);
	assert.ok(answer.status < 300, answer.text);
}

describe('inbox retention', () => {
	it('deletes a document once every active device has pulled past it; revoked devices hold nothing back', async () => {
		const clock = skippableClock();
		const r = await startInboxRelay(clock);
		try {
			const laptop = r.device;
			const phone = await joinDevice(r.t.url, laptop, 'phone');
			const tablet = await joinDevice(r.t.url, laptop, 'tablet');
			await revoke(r, tablet);
			await r.receive(SUPPLIER);
			await r.receive(SUPPLIER);
			const [first, second] = await r.list(laptop);
			assert.ok(first !== undefined && second !== undefined);

			await r.t.relay.sweep();
			assert.ok(await stillStored(r, first.id), 'no device said it holds it yet');

			// The laptop pulls after the second: it holds both. The phone has pulled nothing.
			assert.deepEqual(await r.list(laptop, second.seq), []);
			await r.t.relay.sweep();
			assert.ok(await stillStored(r, first.id), 'the phone has not pulled it');

			// The phone pulls after the first: it holds the first only.
			assert.deepEqual(
				(await r.list(phone, first.seq)).map((d) => d.id),
				[second.id]
			);
			await r.t.relay.sweep();
			assert.equal(await stillStored(r, first.id), false, 'every active device holds it');
			assert.ok(await stillStored(r, second.id), 'the phone does not hold the second yet');
			assert.ok(
				r.t.logs.some((line) => line.includes('"event":"inbox-retention-swept"')),
				'the sweep reports what it did'
			);

			// A device that pulls after a seq that does not exist yet learns nothing of later ones.
			assert.deepEqual(await r.list(phone, second.seq + 1000), []);
			await revoke(r, phone);
			const third = await r.receive(SUPPLIER);
			await r.t.relay.sweep();
			assert.equal(await stillStored(r, second.id), false, 'the revoked phone holds nothing back');
			const [kept] = await r.list(laptop, second.seq);
			assert.equal(kept?.providerDocumentId, third, 'the laptop has not pulled the third');
		} finally {
			await r.close();
		}
	});

	it('deletes a document no device pulled once it is older than the maximum age', async () => {
		const clock = skippableClock();
		const r = await startInboxRelay(clock);
		try {
			await r.receive(SUPPLIER);
			const [only] = await r.list(r.device);
			assert.ok(only !== undefined);
			clock.skip(89 * DAY);
			await r.t.relay.sweep();
			assert.ok(await stillStored(r, only.id), 'younger than the 90-day default');
			clock.skip(2 * DAY);
			await r.t.relay.sweep();
			assert.equal(await stillStored(r, only.id), false);
			// A document stored after the sweep is not touched by the old one's age.
			await r.receive(SUPPLIER);
			await r.t.relay.sweep();
			assert.equal((await r.list(r.device)).length, 1);
		} finally {
			await r.close();
		}
	});
});
