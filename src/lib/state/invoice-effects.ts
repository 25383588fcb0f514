/** The clock the invoice state reads; tests pass their own. */
export interface Clock {
	now(): string;
	today(): string;
}

export const systemClock: Clock = {
	now: () => new Date().toISOString(),
	today: () => {
		const date = new Date();
		const pad = (value: number) => String(value).padStart(2, '0');
		return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	}
};

/** Attachment bytes by id, as the UBL serializer takes them. */
export function contentMap(
	entries: readonly (readonly [string, Uint8Array])[]
): ReadonlyMap<string, Uint8Array> {
	return new Map(entries);
}
