import type { JobKey, JobRecord } from '../storage/storage.js';

export interface RemoteJobChanges {
	/** Another process changed this job: read it (soon) for this process's devices. */
	changed(workspaceId: string, jobId: string): void;
	/** Drops the reads not yet begun. */
	close(): void;
}

/**
 * The job changes other relay processes announce, turned into reads for this process's devices.
 * Every process hears every change (queued, claimed, sent: three per send) and each read is a
 * query; a job announced again before its read begins is read once, and the reads of one window
 * are one query. A change heard while its job's read runs is read again after it, so the devices
 * always get the last state.
 */
export function createRemoteJobChanges(o: {
	read: (keys: JobKey[]) => Promise<(JobRecord | undefined)[]>;
	show: (job: JobRecord) => void;
	onError: (error: unknown) => void;
	windowMs: number;
}): RemoteJobChanges {
	let waiting = new Map<string, string>();
	let timer: NodeJS.Timeout | undefined;
	let reading = false;
	let closed = false;

	const readAll = async (): Promise<void> => {
		const round = waiting;
		waiting = new Map();
		let jobs: (JobRecord | undefined)[];
		try {
			jobs = await o.read([...round].map(([jobId, workspaceId]) => ({ workspaceId, jobId })));
		} catch (error) {
			o.onError(error);
			return;
		}
		for (const job of jobs) {
			if (job === undefined || closed) continue;
			try {
				o.show(job);
			} catch (error) {
				o.onError(error);
			}
		}
	};
	const schedule = (): void => {
		if (closed || reading || timer !== undefined || waiting.size === 0) return;
		timer = setTimeout(() => {
			timer = undefined;
			reading = true;
			void readAll().finally(() => {
				reading = false;
				schedule();
			});
		}, o.windowMs);
	};
	return {
		changed(workspaceId, jobId) {
			waiting.set(jobId, workspaceId);
			schedule();
		},
		close() {
			closed = true;
			if (timer !== undefined) clearTimeout(timer);
			waiting.clear();
		}
	};
}
