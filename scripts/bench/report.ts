import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Summary } from './stats';

export interface Anchor extends Summary {
	label: string;
}

/** A throughput of the anchor's (higher is better), for rows measured as a rate. */
export interface RateAnchor {
	value: number;
	label: string;
}

interface Row {
	section: string;
	name: string;
	unit: string;
	value?: number;
	summary?: Summary;
	budget?: string;
	anchor?: Anchor;
	rateAnchor?: RateAnchor;
	/** How many times faster ours is than the anchor: above 1 we win, below 1 we lose. */
	ratio?: number;
	note?: string;
	skipped?: string;
}

/** One table of figures: what was measured, ours, its budget or anchor, and the ratio to the anchor. */
export class Report {
	readonly rows: Row[] = [];
	readonly meta: { date: string; mode: string; machine: string; node: string };

	constructor(mode: string) {
		const cpus = os.cpus();
		this.meta = {
			date: new Date().toISOString(),
			mode,
			machine: `${cpus.length}× ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
			node: process.version
		};
	}

	time(section: string, name: string, summary: Summary, extra: Partial<Row> = {}): void {
		const row: Row = { section, name, unit: 'ms', summary, ...extra };
		if (row.anchor && summary.median > 0)
			row.ratio = Math.round((row.anchor.median / summary.median) * 100) / 100;
		this.#push(row);
	}

	value(
		section: string,
		name: string,
		value: number,
		unit: string,
		extra: Partial<Row> = {}
	): void {
		this.#push({ section, name, unit, value, ...extra });
	}

	/** A throughput, ours against the anchor's: the ratio is ours / anchor. */
	rate(
		section: string,
		name: string,
		value: number,
		unit: string,
		anchor: RateAnchor,
		extra: Partial<Row> = {}
	): void {
		const row: Row = { section, name, unit, value, rateAnchor: anchor, ...extra };
		if (anchor.value > 0) row.ratio = Math.round((value / anchor.value) * 100) / 100;
		this.#push(row);
	}

	skip(section: string, name: string, reason: string): void {
		this.#push({ section, name, unit: '', skipped: reason });
	}

	#push(row: Row): void {
		this.rows.push(row);
		console.log(`  ${row.section} · ${row.name}: ${describe(row)}`);
	}

	async writeJson(file: string): Promise<void> {
		await writeFile(file, `${JSON.stringify({ ...this.meta, results: this.rows }, null, 2)}\n`);
		console.log(`\nwrote ${file}`);
	}

	markdown(): string {
		const header = [
			`Run of ${this.meta.date.slice(0, 10)} (${this.meta.mode} mode) on ${this.meta.machine}, Node ${this.meta.node}.`,
			'',
			'| area | measure | ours | budget | anchor | ratio |',
			'|---|---|---|---|---|---|'
		];
		const body = this.rows.map((row) =>
			row.skipped
				? `| ${row.section} | ${row.name} | skipped: ${row.skipped} | | | |`
				: `| ${row.section} | ${row.name} | ${ours(row)} | ${row.budget ?? ''} | ${anchorText(row)} | ${ratioText(row.ratio)} |`
		);
		return [...header, ...body].join('\n');
	}
}

function ours(row: Row): string {
	if (row.summary) {
		const s = row.summary;
		return `${s.median} ms (min ${s.min}, max ${s.max}, n=${s.runs})`;
	}
	return `${row.value ?? ''} ${row.unit}`;
}

function anchorText(row: Row): string {
	if (row.anchor) return `${row.anchor.median} ms (${row.anchor.label})`;
	if (row.rateAnchor) return `${row.rateAnchor.value} ${row.unit} (${row.rateAnchor.label})`;
	return row.note ?? '';
}

/** "2.5× faster" or "4× slower": a ratio below 1 reads as its inverse. */
export function ratioText(ratio: number | undefined): string {
	if (ratio === undefined || ratio <= 0) return '';
	if (ratio >= 1) return `${ratio}× faster`;
	return `${Math.round((1 / ratio) * 10) / 10}× slower`;
}

function describe(row: Row): string {
	if (row.skipped) return `skipped — ${row.skipped}`;
	const parts = [ours(row)];
	if (row.budget) parts.push(`budget ${row.budget}`);
	if (row.anchor || row.rateAnchor)
		parts.push(`anchor ${anchorText(row)}: ${ratioText(row.ratio)}`);
	if (row.note) parts.push(row.note);
	return parts.join(' | ');
}
