import { addDays, type IsoDate } from '$lib/invoice';
import { occurrencesOf } from './schedule';
import type { RecurringTemplate } from './template';

/** How far ahead a device tells the relay about due dates: a bit over a year. */
export const NUDGE_HORIZON_DAYS = 400;
/** The relay keeps at most this many dates per workspace (relay/src/protocol/nudge.ts). */
export const NUDGE_MAX_DATES = 100;

export interface DueDay {
	date: IsoDate;
	count: number;
}

/**
 * What the relay may learn for its "recurring invoices are due" e-mail: from today on, the days on
 * which the running templates will make invoices, and how many on each. No template, customer or
 * amount. Paused templates make nothing, so they do not count; the soonest days are kept first.
 */
export function upcomingDueDays(
	templates: readonly Pick<RecurringTemplate, 'schedule' | 'lastMade' | 'paused'>[],
	today: IsoDate,
	horizonDays = NUDGE_HORIZON_DAYS
): DueDay[] {
	const last = addDays(today, horizonDays);
	const counts = new Map<IsoDate, number>();
	for (const template of templates) {
		if (template.paused) continue;
		for (const occurrence of occurrencesOf(template.schedule)) {
			if (occurrence.date > last) break;
			if (occurrence.date < today) continue;
			if (template.lastMade !== undefined && occurrence.date <= template.lastMade) continue;
			counts.set(occurrence.date, (counts.get(occurrence.date) ?? 0) + 1);
		}
	}
	return [...counts]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.slice(0, NUDGE_MAX_DATES)
		.map(([date, count]) => ({ date, count }));
}
