import {
	TransportError,
	type IssuedNumber,
	type IssueNumberRequest,
	type LogRow,
	type PullPage,
	type PushAck,
	type PushRow,
	type SeriesSeed,
	type SnapshotUpload,
	type SyncPoke,
	type SyncTransport
} from '../transport';

/**
 * An in-memory stand-in for one workspace on the relay, for unit tests only: the same contract
 * as the real relay (per-workspace sequence, idempotent client ids, pull after a cursor, pokes,
 * snapshot compaction, an idempotent gap-free sequencer), without HTTP. Each device gets its own
 * transport that can be switched offline.
 */
export class MemoryRelay {
	readonly log: LogRow[] = [];
	readonly #seqByClientId = new Map<string, number>();
	readonly #watchers = new Set<(poke: SyncPoke) => void>();
	/** A poke carries at most this many rows, like the relay's size limit; beyond, just the head. */
	pokeRowLimit = Number.POSITIVE_INFINITY;
	readonly #series = new Map<string, { lastNumber: number; lastIssueDate: string | null }>();
	readonly #issued = new Map<string, IssuedNumber & { seriesId: string }>();
	#head = 0;

	get head(): number {
		return this.#head;
	}

	append(rows: readonly PushRow[]): PushAck[] {
		const before = this.#head;
		const acks = rows.map((row) => {
			const existing = this.#seqByClientId.get(row.clientId);
			if (existing !== undefined) return { clientId: row.clientId, seq: existing };
			const seq = ++this.#head;
			this.log.push({
				seq,
				docId: row.docId,
				clientId: row.clientId,
				kind: 'update',
				envelope: row.envelope
			});
			this.#seqByClientId.set(row.clientId, seq);
			return { clientId: row.clientId, seq };
		});
		if (this.#head > before) this.#poke(this.log.filter((row) => row.seq > before));
		return acks;
	}

	pull(after: number, limit: number): PullPage {
		return { rows: this.log.filter((row) => row.seq > after).slice(0, limit), head: this.#head };
	}

	compact(snapshot: SnapshotUpload): { seq: number; removed: number } {
		const existing = this.#seqByClientId.get(snapshot.clientId);
		if (existing !== undefined) return { seq: existing, removed: 0 };
		const before = this.log.length;
		for (let i = this.log.length - 1; i >= 0; i--) {
			const row = this.log[i];
			if (row && row.docId === snapshot.docId && row.seq <= snapshot.upToSeq) this.log.splice(i, 1);
		}
		const seq = ++this.#head;
		this.log.push({
			seq,
			docId: snapshot.docId,
			clientId: snapshot.clientId,
			kind: 'snapshot',
			envelope: snapshot.envelope
		});
		this.#seqByClientId.set(snapshot.clientId, seq);
		this.#poke([]);
		return { seq, removed: before - this.log.length + 1 };
	}

	issue(request: IssueNumberRequest): IssuedNumber {
		const replay = this.#issued.get(request.invoiceId);
		if (replay) return { sequence: replay.sequence, issueDate: replay.issueDate };
		const series = this.#series.get(request.seriesId) ?? { lastNumber: 0, lastIssueDate: null };
		const issueDate =
			series.lastIssueDate && series.lastIssueDate > request.issueDate
				? series.lastIssueDate
				: request.issueDate;
		const issued = { seriesId: request.seriesId, sequence: series.lastNumber + 1, issueDate };
		this.#series.set(request.seriesId, { lastNumber: issued.sequence, lastIssueDate: issueDate });
		this.#issued.set(request.invoiceId, issued);
		return { sequence: issued.sequence, issueDate };
	}

	seed(seed: SeriesSeed): 'seeded' | 'in-use' {
		if ((this.#series.get(seed.seriesId)?.lastNumber ?? 0) > 0) return 'in-use';
		this.#series.set(seed.seriesId, {
			lastNumber: seed.lastNumber,
			lastIssueDate: seed.lastIssueDate
		});
		return 'seeded';
	}

	watch(listener: (poke: SyncPoke) => void): () => void {
		this.#watchers.add(listener);
		return () => this.#watchers.delete(listener);
	}

	#poke(rows: LogRow[]): void {
		const head = this.#head;
		const poke: SyncPoke =
			rows.length > 0 && rows.length <= this.pokeRowLimit
				? { kind: 'grew', head, rows: rows.map((row) => ({ ...row })) }
				: { kind: 'grew', head };
		for (const watcher of this.#watchers) queueMicrotask(() => watcher(poke));
	}

	device(): MemoryTransport {
		return new MemoryTransport(this);
	}
}

export class MemoryTransport implements SyncTransport {
	#online = true;
	/** Counts calls, so tests can see that a retry happened. */
	calls = 0;
	pulls = 0;
	/** Pokes to lose before the next one arrives, as if the relay's message never came. */
	dropPokes = 0;
	readonly #links = new Set<(poke: SyncPoke) => void>();

	constructor(private readonly relay: MemoryRelay) {}

	get online(): boolean {
		return this.#online;
	}

	/** Going offline drops the events socket too; coming back reconnects it. */
	set online(online: boolean) {
		if (online === this.#online) return;
		this.#online = online;
		const poke: SyncPoke = { kind: online ? 'connected' : 'disconnected' };
		for (const link of this.#links) queueMicrotask(() => link(poke));
	}

	#check(): void {
		this.calls++;
		if (!this.#online)
			throw new TransportError('offline', 'relay unreachable (test transport offline)');
	}

	async push(rows: readonly PushRow[]): Promise<PushAck[]> {
		this.#check();
		return this.relay.append(rows.map((row) => ({ ...row, envelope: row.envelope.slice() })));
	}

	async pull(after: number, limit: number): Promise<PullPage> {
		this.#check();
		this.pulls++;
		return this.relay.pull(after, limit);
	}

	async compact(snapshot: SnapshotUpload): Promise<{ seq: number; removed: number }> {
		this.#check();
		return this.relay.compact(snapshot);
	}

	watch(onPoke: (poke: SyncPoke) => void): () => void {
		this.#links.add(onPoke);
		if (this.#online) queueMicrotask(() => onPoke({ kind: 'connected' }));
		const unwatch = this.relay.watch((poke) => {
			if (!this.#online) return;
			if (this.dropPokes > 0) {
				this.dropPokes--;
				return;
			}
			onPoke(poke);
		});
		return () => {
			this.#links.delete(onPoke);
			unwatch();
		};
	}

	async issueNumber(request: IssueNumberRequest): Promise<IssuedNumber> {
		this.#check();
		return this.relay.issue(request);
	}

	async seedSeries(seed: SeriesSeed): Promise<'seeded' | 'in-use'> {
		this.#check();
		return this.relay.seed(seed);
	}
}
