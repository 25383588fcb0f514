// The official rules in Node, in CPU time (process.cpuUsage), which a busy shared machine
// disturbs less than wall time: loading the rules, then invoices of 1, 5 (~10 kB), 50 and 200
// lines as the bench's worker checks them, and how many evaluations went to fontoxpath.
//   npx tsx scripts/bench/rules-node.ts [--runs 10]
import { toUbl } from '$lib/ubl';
import { nodeValidator } from '../../src/lib/peppol-rules/node';
import { sampleUblDocument } from './browser/ubl-sample';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 10;

function cpuMs<T>(run: () => T): { ms: number; value: T } {
	const started = process.cpuUsage();
	const value = run();
	const used = process.cpuUsage(started);
	return { ms: (used.user + used.system) / 1000, value };
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const loadStarted = process.cpuUsage();
const validator = await nodeValidator();
const loadUsed = process.cpuUsage(loadStarted);
console.log(
	`load the rules (importing libxml2-wasm and fontoxpath too): ${Math.round((loadUsed.user + loadUsed.system) / 1000)} ms CPU (${Math.round(validator.loadMs)} ms wall: ` +
		Object.entries(validator.loadPhases)
			.map(([phase, ms]) => `${phase} ${Math.round(ms)}`)
			.join(', ') +
		')'
);
for (const lines of [1, 5, 50, 200]) {
	const xml = toUbl(sampleUblDocument(lines)).xml;
	const first = cpuMs(() => validator.validate(xml));
	const samples: number[] = [];
	for (let i = 0; i < (lines === 200 ? Math.ceil(RUNS / 2) : RUNS); i++)
		samples.push(cpuMs(() => validator.validate(xml)).ms);
	console.log(
		`${lines} line(s), ${Math.round(xml.length / 1024)} kB: median ${median(samples).toFixed(1)} ms CPU, ` +
			`min ${Math.min(...samples).toFixed(1)}, first ${first.ms.toFixed(1)}; ` +
			`${first.value.fatal.length} fatal, ${first.value.warnings.length} warnings`
	);
}
console.log(`evaluations left to fontoxpath: ${validator.fontoxpathEvaluations()}`);
