import type { Finding, ValidationResult } from '$lib/peppol-rules';
import { RulesClient, spawnRulesWorker } from '$lib/rules-worker';

/** The tab's one official-rules worker, started the first time something is checked. */
export const officialRules = new RulesClient(spawnRulesWorker);

/** The official rules refused a document; `findings` lists the fatal ones. */
export class RulesRefused extends Error {
	constructor(readonly findings: readonly Finding[]) {
		super(
			`the official Peppol rules refuse this document: ${findings.map((finding) => finding.id).join(', ')}`
		);
		this.name = 'RulesRefused';
	}
}

export type RulesStatus = 'idle' | 'checking' | 'done' | 'failed';

/**
 * The official Peppol rules (UBL 2.1 XSD + EN 16931 + Peppol BIS 3.0) on the document being
 * edited: checked in the worker a moment after typing stops, one check at a time, and the
 * findings kept for the document they belong to.
 */
export class OfficialRulesCheck {
	status = $state<RulesStatus>('idle');
	/** fatal findings first, then warnings, of the last document checked */
	findings = $state<Finding[]>([]);
	error = $state<string>();
	/** the document the findings are of; they are stale while it differs from the latest one */
	#checked: string | undefined;
	#latest: string | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<ValidationResult> | undefined;

	constructor(
		private readonly client: RulesClient = officialRules,
		private readonly delayMs = 300
	) {}

	readonly fatal = $derived(this.findings.filter((finding) => finding.flag === 'fatal'));

	/** Checks `xml` once typing pauses; undefined (no document yet) clears the findings. */
	schedule(xml: string | undefined): void {
		// The same document again (the editor re-derives it on unrelated changes): nothing to do,
		// and the pending check must not be pushed back.
		if (xml === this.#latest) return;
		this.#latest = xml;
		clearTimeout(this.#timer);
		if (xml === undefined) {
			this.findings = [];
			this.status = 'idle';
			return;
		}
		if (xml === this.#checked && this.status === 'done') return;
		this.status = 'checking';
		this.#timer = setTimeout(() => void this.check(xml).catch(() => undefined), this.delayMs);
	}

	/** Checks `xml` now (waiting for a check in flight) and returns its result. */
	async check(xml: string): Promise<ValidationResult> {
		clearTimeout(this.#timer);
		this.#latest = xml;
		this.status = 'checking';
		while (this.#running) await this.#running.catch(() => undefined);
		const running = this.client.validate(xml).then((check) => check.result);
		this.#running = running;
		try {
			const result = await running;
			if (this.#latest === xml) {
				this.#checked = xml;
				this.findings = [...result.fatal, ...result.warnings];
				this.error = undefined;
				this.status = 'done';
			}
			return result;
		} catch (error) {
			if (this.#latest === xml) {
				this.error = error instanceof Error ? error.message : String(error);
				this.status = 'failed';
			}
			throw error;
		} finally {
			if (this.#running === running) this.#running = undefined;
		}
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}
}
