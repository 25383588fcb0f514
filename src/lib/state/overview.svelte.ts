import {
	appDb,
	listInvoiceSummaries,
	newestInvoiceSummaries,
	readOverviewCache,
	readOverviewTotals,
	refreshInvoiceSummaries,
	watchInvoiceSummaries,
	writeOverviewCache,
	type BillfoldDb
} from '$lib/storage';
import { systemClock, type Clock } from './invoice-effects';
import {
	customersOf,
	filterRows,
	mergeRows,
	sortRows,
	totalsOf,
	dsoOf,
	withCredits,
	type OverviewRow,
	type RowTotals,
	type SortKey,
	type StatusFilter
} from './overview-rows';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSchedule } from '$lib/reminders';
import { reminderSettingsOf } from './seller-reminders.svelte.js';
import { sellerStore } from './seller.svelte.js';

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
	status = $state<StatusFilter>('');
	/** The seller's reminder schedule, for the "To remind" filter. */
	schedule = $state<ReminderSchedule>(DEFAULT_REMINDER_SETTINGS.schedule);
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
		void sellerStore.current().then((profile) => {
			this.schedule = reminderSettingsOf(profile).schedule;
		});
		void newestInvoiceSummaries(db, FIRST_SCREEN).then((first) => {
			if (!this.complete) this.sorted = withCredits(first);
		});
		void readOverviewTotals(db).then((totals) => {
			if (!this.complete) this.provisional = totals;
		});
		await refreshInvoiceSummaries(db);
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
