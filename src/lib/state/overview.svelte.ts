import { appDb, type BillfoldDb } from '$lib/storage/db';
import {
	listInvoiceSummaries,
	newestInvoiceSummaries,
	summariesBehind,
	watchInvoiceSummaries
} from '$lib/storage/invoice-summary-read';
import {
	readOverviewCache,
	readOverviewTotals,
	writeOverviewCache
} from '$lib/storage/invoice-overview-cache';
import { systemClock, type Clock } from './invoice-effects';
import {
	customersOf,
	filterRows,
	mergeRows,
	sortRows,
	totalsOf,
	dsoOf,
	TO_REMIND,
	withCredits,
	type OverviewRow,
	type RowTotals,
	type SortKey,
	type StatusFilter
} from './overview-rows';
import type { ReminderSchedule } from '$lib/reminders/reminder-settings';

/** Rows the first paint shows while the full list loads. */
const FIRST_SCREEN = 60;

/**
 * The sales-invoice overview. All rows live in memory as small summaries: sorted once per sort
 * change, filtered per keystroke with one substring test per row, totalled in the same pass.
 */
export class InvoiceOverview {
	/** Every summary, in the current sort order; raw so 100k rows are not made reactive one by one. */
	sorted = $state.raw<OverviewRow[]>([]);
	complete = $state(false);
	search = $state('');
	#status = $state<StatusFilter>('');
	/**
	 * The seller's reminder schedule, for the "To remind" filter: read when that filter is chosen,
	 * so the overview's first paint loads neither the seller profile nor its schema.
	 */
	schedule = $state<ReminderSchedule | undefined>();
	/** Why the reminder schedule could not be read (the "To remind" filter then shows none). */
	scheduleProblem = $state<string>();
	from = $state('');
	to = $state('');
	contactId = $state('');
	sortKey = $state<SortKey>('issueDate');
	sortDirection = $state<'asc' | 'desc'>('desc');
	/** Overdue is judged against this date. */
	today = $state(systemClock.today());

	readonly rows = $derived(
		filterRows(
			this.sorted,
			{
				search: this.search.trim().toLowerCase(),
				status: this.status,
				from: this.from,
				to: this.to,
				contactId: this.contactId
			},
			this.today,
			this.schedule
		)
	);
	/** Totals of everything from the cache, shown until the rows themselves are loaded. */
	provisional = $state.raw<RowTotals>();
	readonly filtered = $derived(
		this.search.trim() !== '' ||
			this.status !== '' ||
			this.from !== '' ||
			this.to !== '' ||
			this.contactId !== ''
	);
	readonly totals = $derived(
		!this.complete && !this.filtered && this.provisional ? this.provisional : totalsOf(this.rows)
	);
	readonly dso = $derived(this.complete ? dsoOf(this.sorted, this.today) : undefined);
	readonly customers = $derived(this.complete ? customersOf(this.sorted) : []);
	#unwatch: (() => void) | undefined;
	#cacheTimer: ReturnType<typeof setTimeout> | undefined;

	get status(): StatusFilter {
		return this.#status;
	}

	set status(value: StatusFilter) {
		this.#status = value;
		if (value === TO_REMIND && !this.schedule) {
			this.scheduleProblem = undefined;
			this.#loadSchedule().catch((error: unknown) => {
				this.scheduleProblem = error instanceof Error ? error.message : String(error);
			});
		}
	}

	async #loadSchedule(): Promise<void> {
		const [{ sellerStore }, { reminderSettingsOf }] = await Promise.all([
			import('./seller.svelte.js'),
			import('./seller-reminders.svelte.js')
		]);
		this.schedule = reminderSettingsOf(await sellerStore.current()).schedule;
	}

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		clock: Clock = systemClock
	) {
		this.today = clock.today();
	}

	/**
	 * Paints the newest rows from the index first; meanwhile reads every row from the packed cache
	 * (one read) or, without a usable cache, from the summaries table, and then follows changes.
	 */
	async load(): Promise<void> {
		const db = this.db();
		void newestInvoiceSummaries(db, FIRST_SCREEN).then((first) => {
			if (!this.complete) this.sorted = withCredits(first);
		});
		void readOverviewTotals(db).then((totals) => {
			if (!this.complete) this.provisional = totals;
		});
		// Rows written by sync while the app was closed: only then is the invoice schema loaded.
		if (await summariesBehind(db)) {
			const { refreshInvoiceSummaries } = await import('$lib/storage/invoice-store');
			await refreshInvoiceSummaries(db);
		}
		const cached = await readOverviewCache(db).catch(() => undefined);
		const all = cached?.rows ?? (await listInvoiceSummaries(db));
		this.sorted = sortRows(withCredits(all), this.sortKey, this.sortDirection, this.today);
		this.complete = true;
		if (!cached || cached.stale || !(await readOverviewTotals(db))) this.#keepCache(0);
		const since = all.reduce(
			(newest, row) => (row.updatedAt > newest ? row.updatedAt : newest),
			''
		);
		this.#unwatch?.();
		this.#unwatch = watchInvoiceSummaries(db, since, (changed) => {
			this.sorted = sortRows(
				withCredits(mergeRows(this.sorted, changed)),
				this.sortKey,
				this.sortDirection,
				this.today
			);
			this.#keepCache();
		});
	}

	/** Rewrites the packed cache a moment after the last change, off the typing path. */
	#keepCache(delayMs = 1500): void {
		clearTimeout(this.#cacheTimer);
		this.#cacheTimer = setTimeout(() => this.#writeCache(), delayMs);
	}

	#writeCache(): void {
		this.#cacheTimer = undefined;
		void writeOverviewCache(this.db(), this.sorted, totalsOf(this.sorted));
	}

	/** Stops following changes (status updates from sending, edits in another tab). */
	stop(): void {
		if (this.#cacheTimer !== undefined) {
			clearTimeout(this.#cacheTimer);
			this.#writeCache();
		}
		this.#unwatch?.();
		this.#unwatch = undefined;
	}

	sortBy(key: SortKey): void {
		if (this.sortKey === key) this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
		else {
			this.sortKey = key;
			this.sortDirection = key === 'customerName' || key === 'number' ? 'asc' : 'desc';
		}
		this.sorted = sortRows(this.sorted, this.sortKey, this.sortDirection, this.today);
	}

	clearFilters(): void {
		this.search = '';
		this.status = '';
		this.from = '';
		this.to = '';
		this.contactId = '';
	}
}
