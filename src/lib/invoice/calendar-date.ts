/** A calendar date "yyyy-mm-dd" with no time zone, as EN 16931 and the invoice document use. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | undefined {
	const match = ISO_DATE.exec(date);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const utc = new Date(Date.UTC(year, month - 1, day));
	const real =
		utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
	return real ? [year, month, day] : undefined;
}

export function isIsoDate(value: string): boolean {
	return parts(value) !== undefined;
}

function toUtc(date: IsoDate): Date {
	const parsed = parts(date);
	if (!parsed) throw new RangeError(`"${date}" is not a calendar date written yyyy-mm-dd`);
	return new Date(Date.UTC(parsed[0], parsed[1] - 1, parsed[2]));
}

function fromUtc(date: Date): IsoDate {
	return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
	const utc = toUtc(date);
	utc.setUTCDate(utc.getUTCDate() + days);
	return fromUtc(utc);
}

/** Whole calendar days from a to b: negative when b is earlier. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Last day of the month that `date` falls in. */
export function endOfMonth(date: IsoDate): IsoDate {
	const utc = toUtc(date);
	return fromUtc(new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth() + 1, 0)));
}

/** Negative when a is before b; ISO dates compare as strings. */
export function compareDates(a: IsoDate, b: IsoDate): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: IsoDate): number {
	const parsed = parts(date);
	if (!parsed) throw new RangeError(`"${date}" is not a calendar date written yyyy-mm-dd`);
	return parsed[0];
}
