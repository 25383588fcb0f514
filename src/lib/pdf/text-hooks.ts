import { jsPDF } from 'jspdf';

type TextHook = [topic: string, handler: (...args: unknown[]) => unknown];

/**
 * jsPDF runs every string through its Arabic shaper and its bidi reordering before drawing it.
 * The text that reaches jsPDF here never needs either: the embedded fonts draw no Arabic or
 * Hebrew letter and no bidi control, and text-fallback.ts replaces those before layout, so for
 * every string both are the identity, paid for on each text call. The identity of the shaper is
 * public (jsPDF.API.processArabic); the bidi hook is a closure, known by the engine it calls.
 */
export function isRtlTextHook([topic, handler]: TextHook): boolean {
	if (topic === 'preProcessText')
		return handler === (jsPDF.API as unknown as { processArabic?: unknown }).processArabic;
	return topic === 'postProcessText' && String(handler).includes('doBidiReorder');
}

let dropped = false;

/**
 * Leaves both hooks out of every jsPDF document made after, once per realm. In the app's build
 * no RTL hook is left to drop (scripts/jspdf-slim.ts cuts the Arabic shaper and the bidi engine
 * out of jsPDF); this matters where the full jsPDF runs: Node (Vitest, `npm run render`) and
 * `vite dev`.
 */
export function dropRtlTextHooks(): void {
	if (dropped) return;
	const events = (jsPDF.API as unknown as { events?: TextHook[] }).events;
	if (!Array.isArray(events)) return;
	for (let index = events.length - 1; index >= 0; index -= 1) {
		const hook = events[index];
		if (hook && isRtlTextHook(hook)) events.splice(index, 1);
	}
	dropped = true;
}
