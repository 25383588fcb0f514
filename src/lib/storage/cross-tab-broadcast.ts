import Dexie, { type ObservabilitySet } from 'dexie';

/**
 * Dexie tells other tabs about every committed write transaction, so their `liveQuery`s rerun:
 * one `BroadcastChannel` message per transaction, each a structured clone of the transaction's
 * key ranges. A burst of saves (and the sync work each one sets off) paid that once per
 * transaction on the main thread it shares with everything else. Here the message goes out once
 * per burst instead: the first change of a quiet tab at once, later ones merged and sent together
 * at most every `windowMs`. Another tab hears of every change, at most `windowMs` later; it
 * receives them as it always did (Dexie's own channel, its own handler, any Dexie 4 tab).
 *
 * A tab that is not visible sends each change at once: Chrome runs a hidden tab's timers about
 * once a second at most, and may freeze or discard it inside the window, after which a waiting
 * change would go out late or never. For the same reason what waits goes out when the tab is
 * hidden, frozen or left. A renderer crash inside the window still loses the waiting change's
 * message: the other tabs stay stale until the next change they hear of (the data itself is
 * committed).
 *
 * This tab's own `liveQuery`s are untouched: Dexie signals them directly, not through the channel.
 */
export const BROADCAST_WINDOW_MS = 20;

/** Dexie's window event for a change made in this tab (and the name of its channel). */
const DEXIE_LOCAL_EVENT = 'x-storagemutated-1';

type Subscriber = (parts: ObservabilitySet) => unknown;

let installed = false;

/**
 * Dexie's own subscriber that posts each change to the channel, found by what it does: Dexie
 * exports no handle to it. Undefined if a Dexie release no longer has it; the spec checks it is
 * found in the one the app ships.
 */
function dexiePoster(): Subscriber | undefined {
	const event = Dexie.on.storagemutated as unknown as { subscribers?: Subscriber[] };
	return event.subscribers?.find((subscriber) => String(subscriber).includes('postMessage'));
}

/**
 * Installs the coalescing once per page (Dexie's channel is one per page, shared by every
 * database). Returns whether the broadcast is now coalesced; where the page cannot (no window
 * events, no channel, a Dexie without the subscriber), Dexie's per-transaction broadcast stays.
 */
export function coalesceCrossTabBroadcast(windowMs = BROADCAST_WINDOW_MS): boolean {
	if (installed) return true;
	const scope = globalThis as unknown as Partial<Window>;
	if (
		typeof BroadcastChannel === 'undefined' ||
		typeof scope.addEventListener !== 'function' ||
		typeof scope.dispatchEvent !== 'function'
	)
		return false;
	const post = dexiePoster();
	if (!post) return false;
	Dexie.on.storagemutated.unsubscribe(post);
	installed = true;

	let pending: ObservabilitySet | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let scheduled = false;
	let lastPost = -Infinity;

	const flush = () => {
		scheduled = false;
		timer = undefined;
		const parts = pending;
		pending = undefined;
		if (!parts) return;
		lastPost = performance.now();
		try {
			// Dexie's poster itself: same channel, same message. Run from a timer, a microtask or a
			// page event, never inside Dexie's own propagation.
			post(parts);
		} catch (error) {
			// A page going into the back-forward cache has closed Dexie's channel; on its return
			// Dexie re-reads everything in this tab, and the other tabs heard what came before.
			if (error instanceof DOMException && error.name === 'InvalidStateError') return;
			// Anything else is a real fault: reported, without breaking the flush's caller.
			queueMicrotask(() => {
				throw error;
			});
		}
	};
	const flushNow = () => {
		if (timer !== undefined) clearTimeout(timer);
		flush();
	};
	const notVisible = () =>
		scope.document !== undefined && scope.document.visibilityState !== 'visible';

	// Dexie dispatches this window event only for transactions committed in this tab, not for
	// changes heard from other tabs: that is what filters out echoes, so the poster sees only what
	// it would have sent itself.
	scope.addEventListener(DEXIE_LOCAL_EVENT, (event) => {
		const parts = (event as CustomEvent<ObservabilitySet | undefined>).detail;
		if (!parts) return;
		pending = Dexie.extendObservabilitySet(pending ?? {}, parts);
		if (scheduled) return;
		scheduled = true;
		const wait = notVisible() ? 0 : lastPost + windowMs - performance.now();
		if (wait <= 0) queueMicrotask(flush);
		else timer = setTimeout(flush, wait);
	});
	// Before Dexie closes its channel for the back-forward cache (capture runs before its
	// listener): what is still waiting goes out now.
	scope.addEventListener('pagehide', flushNow, { capture: true });
	// A tab being hidden may next be throttled, frozen or discarded without a pagehide.
	scope.document?.addEventListener('visibilitychange', () => {
		if (notVisible()) flushNow();
	});
	scope.document?.addEventListener('freeze', flushNow);
	return true;
}
