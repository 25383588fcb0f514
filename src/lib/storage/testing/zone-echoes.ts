import Dexie from 'dexie';

/**
 * Dexie's count of the microtasks it queued to carry its zone across native awaits ("zone
 * echoes"): a spec takes it before and after some work to show the work chained Dexie's promises
 * and let Dexie queue none.
 */
export function echoes(): number {
	return (Dexie.Promise as unknown as { totalEchoes: number }).totalEchoes;
}
