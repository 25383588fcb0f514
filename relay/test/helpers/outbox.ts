import type { JobRecord } from '../../src/storage/storage.js';
import { call, field, type CallResult } from './http.js';
import type { TestRelay } from './test-relay.js';
import type { DeviceCredentials } from './workspace.js';

export interface Outbox {
	/** POST /outbox as the device. */
	post(json: unknown): Promise<CallResult>;
	/** Posts and answers the job id the relay accepted it as. */
	accept(json: unknown): Promise<string>;
	/** GET /outbox/:jobId as the device. */
	status(jobId: string): Promise<CallResult>;
	/** GET /mail-previews as the device. */
	previews(): Promise<CallResult>;
	/** The first change of the job to the status (past changes included). */
	reaches(jobId: string, status: JobRecord['status']): Promise<JobRecord>;
}

/** The outbox calls a device makes, bound to one relay and one workspace. */
export function outboxOf(t: TestRelay, device: DeviceCredentials): Outbox {
	const workspace = `/api/v1/workspaces/${device.workspaceId}`;
	const token = device.deviceToken;
	const post = (json: unknown) => call(t.url, 'POST', `${workspace}/outbox`, { token, json });
	return {
		post,
		async accept(json) {
			return field<string>((await post(json)).body, 'jobId');
		},
		status: (jobId) => call(t.url, 'GET', `${workspace}/outbox/${jobId}`, { token }),
		previews: () => call(t.url, 'GET', `${workspace}/mail-previews`, { token }),
		reaches: (jobId, status) => t.waitForJob((job) => job.id === jobId && job.status === status)
	};
}
