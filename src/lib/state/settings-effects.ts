import { uuidv7 } from 'uuidv7';
import { storageStatus } from './storage-status.svelte.js';

/** The effects the settings, contact and item stores need; tests pass their own. */
export interface StoreEffects {
	now(): string;
	/** Today's date where the user is, YYYY-MM-DD. */
	today(): string;
	newId(): string;
	/** After the first save the browser is asked to keep the data (storageStatus.afterSave). */
	afterSave(): Promise<void>;
}

function localIsoDate(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const browserEffects: StoreEffects = {
	now: () => new Date().toISOString(),
	today: () => localIsoDate(new Date()),
	newId: () => uuidv7(),
	afterSave: () => storageStatus.afterSave()
};
