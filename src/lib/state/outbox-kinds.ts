import type { JobStatus, SendRequest } from '$protocol';
import type { OutboxJob } from '$lib/storage';

export type OutboxKindName = NonNullable<OutboxJob['kind']>;

/**
 * Another kind of document that goes through the invoice outbox (a payment reminder): how its
 * queued job becomes a request, and where the relay's answers and events about it go.
 */
export interface OutboxKind {
	prepare(job: OutboxJob): Promise<SendRequest>;
	/** The relay accepted it, or reported on it later (the job names the document's own id). */
	follow(job: JobStatus): Promise<void>;
	refused(job: OutboxJob, reason: string): Promise<void>;
}

/** The kinds registered, and the jobs of those kinds in flight, so answers find their kind. */
export class OutboxKinds {
	readonly #kinds = new Map<OutboxKindName, OutboxKind>();
	readonly #jobs = new Map<string, OutboxJob>();

	use(name: OutboxKindName, kind: OutboxKind): void {
		this.#kinds.set(name, kind);
	}

	/** A queued reminder may be flushed before any page loaded the reminders: load them then. */
	async load(name: OutboxKindName): Promise<OutboxKind> {
		if (!this.#kinds.has(name)) await import('./reminders.svelte.js');
		const kind = this.#kinds.get(name);
		if (!kind) throw new Error(`no sender for ${name} documents`);
		return kind;
	}

	track(job: OutboxJob): void {
		this.#jobs.set(job.invoiceId, job);
	}

	/** The job of another kind with this id, and its kind; undefined for an invoice. */
	of(id: string): { job: OutboxJob; kind: OutboxKind } | undefined {
		const job = this.#jobs.get(id);
		const kind = job?.kind ? this.#kinds.get(job.kind) : undefined;
		return job && kind ? { job, kind } : undefined;
	}
}
