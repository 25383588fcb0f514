import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Summary } from './stats';

export interface Anchor extends Summary {
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
				: `| ${row.section} | ${row.name} | ${ours(row)} | ${row.budget ?? ''} | ${row.anchor ? `${row.anchor.median} ms (${row.anchor.label})` : ''} | ${row.ratio ? `${row.ratio}× faster` : ''} |`
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

function describe(row: Row): string {
	if (row.skipped) return `skipped — ${row.skipped}`;
	const parts = [ours(row)];
	if (row.budget) parts.push(`budget ${row.budget}`);
	if (row.anchor)
		parts.push(`anchor ${row.anchor.median} ms (${row.anchor.label}), ratio ${row.ratio}×`);
	if (row.note) parts.push(row.note);
	return parts.join(' | ');
}
