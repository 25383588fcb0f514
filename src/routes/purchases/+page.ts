import { purchases } from '$lib/state/purchases.svelte';

/**
 * Starts reading the list as soon as the route is chosen, before the shell has loaded its
 * language and mounted the page: on a reload the rows are then ready when the page is.
 */
export function load(): void {
	void purchases.open();
}
