import { uuidv7 } from 'uuidv7';
import { storageStatus } from './storage-status.svelte.js';

/** The effects the settings, contact and item stores need; tests pass their own. */
export interface StoreEffects {
	now(): string;
	newId(): string;
	/** After the first save the browser is asked to keep the data (storageStatus.afterSave). */
	afterSave(): Promise<void>;
}

export const browserEffects: StoreEffects = {
	now: () => new Date().toISOString(),
	newId: () => uuidv7(),
	afterSave: () => storageStatus.afterSave()
};
