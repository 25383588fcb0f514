import type { PreparedViews } from './page-views';

/**
 * Whether a pull run prepares views (and so decrypts every row, its own pushes too, before it
 * knows which ones the device holds). It pays only where the apply finds docs the device holds
 * no rows of: from a run that starts at cursor 0 or on a device holding no doc rows. It stops for
 * the rest of the run after a page whose views went mostly unused (the device held their docs
 * already, as when catching up after being offline), and does not start again within the run.
 */
export class ViewPreparing {
	#on: boolean;

	constructor(newDevice: boolean) {
		this.#on = newDevice;
	}

	get on(): boolean {
		return this.#on;
	}

	/** After a page's apply, with the views prepared for it. */
	applied(prepared: PreparedViews | undefined): void {
		if (prepared && prepared.used.size * 2 < prepared.views.size) this.#on = false;
	}
}
