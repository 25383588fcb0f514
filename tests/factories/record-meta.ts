import type { RecordMeta } from '$lib/contacts';

let counter = 0;

/** Deterministic UUIDv7-shaped ids and fixed times, so factory output is stable across runs. */
export function buildRecordMeta(
	schemaVersion = 1,
	overrides: Partial<RecordMeta> = {}
): RecordMeta {
	counter += 1;
	const suffix = counter.toString(16).padStart(12, '0');
	return {
		id: `0196f000-0000-7000-8000-${suffix}`,
		schemaVersion,
		createdAt: '2026-05-17T09:00:00.000Z',
		updatedAt: '2026-05-17T09:00:00.000Z',
		...overrides
	};
}
