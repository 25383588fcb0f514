import { spawnSync } from 'node:child_process';
import type { Report } from './report';

interface Phase {
	perSecond: number;
	/** Relay CPU time per request: the capacity one core gives, whatever else shares the machine. */
	relayCpuMsPerRequest?: number;
	/** Cores the relay processes, the load generator and PostgreSQL each kept busy. */
	cores?: { relay: number; load: number; postgres?: number };
}

interface Figures {
	sequencer: Phase;
	sends: Phase;
	/** Over each device's events socket, as the app pushes while it is connected. */
	syncSingle: Phase & { pushesPerPoke?: number };
	/** The same pushes over HTTP, the app's fallback. */
	syncSingleHttp?: Phase;
	syncBatched: Phase & { rowsPerSecond: number };
	idleSockets: { open: number; pokeAllMs: number };
	concurrency: number;
}

/** One run of the relay's own bench (real relay processes on loopback), or undefined if it failed. */
function runRelayBench(args: string[]): { figures?: Figures; status: number | null } {
	const result = spawnSync(
		'npm',
		['--prefix', 'relay', 'run', '--silent', 'bench', '--', ...args],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const line = result.stdout.split('\n').find((text) => text.startsWith('{"bench":"relay"'));
	if (result.status !== 0 || !line) return { status: result.status };
	return { figures: JSON.parse(line) as Figures, status: result.status };
}

/**
 * The relay's throughput on SQLite (the default), on PostgreSQL with one process and with three
 * processes on one database, side by side in one run, on the same machine.
 */
export function benchRelay(report: Report, quick: boolean): void {
	const size = quick
		? ['--issues', '300', '--sends', '100', '--appends', '500', '--sockets', '100']
		: [];
	const sqliteRun = runRelayBench(size);
	const figures = sqliteRun.figures;
	if (figures === undefined) {
		report.skip(
			'relay',
			'sequencer and outbox throughput',
			`relay bench exited with ${sqliteRun.status}`
		);
		return;
	}
	report.value(
		'relay',
		`sequencer issues/s (${figures.concurrency} concurrent devices)`,
		figures.sequencer.perSecond,
		'/s',
		{
			budget: '≥ 1,000 /s'
		}
	);
	report.value('relay', 'accepted sends/s (persisted before 202)', figures.sends.perSecond, '/s', {
		budget: '≥ 200 /s'
	});
	// The load generator shares the cores; CPU per request is the relay's own cost.
	for (const [name, phase] of [
		['relay CPU per issued number', figures.sequencer],
		['relay CPU per accepted send', figures.sends]
	] as const) {
		if (phase.relayCpuMsPerRequest !== undefined)
			report.value('relay', name, phase.relayCpuMsPerRequest, 'ms');
	}
	report.value(
		'relay',
		`sync log appends, one row per push over the events socket (${figures.concurrency} concurrent)`,
		figures.syncSingle.perSecond,
		'rows/s',
		{ budget: '≥ 3,000 rows/s' }
	);
	const overHttp = figures.syncSingleHttp;
	if (overHttp !== undefined)
		report.value(
			'relay',
			`sync log appends, one row per push over HTTP (${figures.concurrency} concurrent)`,
			overHttp.perSecond,
			'rows/s'
		);
	// What the single-row figures are made of: relay CPU per push, and pushes per group (one poke
	// to each device, one commit and one fsync per group).
	for (const [name, phase] of [
		['relay CPU per single-row push over the events socket', figures.syncSingle],
		['relay CPU per single-row push over HTTP', overHttp]
	] as const) {
		if (phase?.relayCpuMsPerRequest !== undefined)
			report.value('relay', name, phase.relayCpuMsPerRequest, 'ms');
	}
	if (figures.syncSingle.pushesPerPoke !== undefined)
		report.value(
			'relay',
			'single-row pushes per durable group',
			figures.syncSingle.pushesPerPoke,
			''
		);
	report.value(
		'relay',
		'sync log appends, batched pushes as a device sends them',
		figures.syncBatched.rowsPerSecond,
		'rows/s',
		{ budget: '≥ 5,000 rows/s' }
	);
	report.value(
		'relay',
		`one append pokes all ${figures.idleSockets.open} idle event sockets`,
		figures.idleSockets.pokeAllMs,
		'ms'
	);

	// PostgreSQL, the same load: one process (within 2× of SQLite), then three (≥ 1.5× one).
	const one = runRelayBench([...size, '--backend', 'postgres', '--processes', '1']).figures;
	const three = runRelayBench([...size, '--backend', 'postgres', '--processes', '3']).figures;
	if (one === undefined || three === undefined) {
		report.skip('relay', 'PostgreSQL throughput', 'the PostgreSQL relay bench failed');
		return;
	}
	report.value('relay', 'PostgreSQL, 1 process: issues/s', one.sequencer.perSecond, '/s', {
		budget: `≥ ${Math.round(figures.sequencer.perSecond / 2)} /s (half of SQLite)`
	});
	report.value('relay', 'PostgreSQL, 1 process: accepted sends/s', one.sends.perSecond, '/s', {
		budget: `≥ ${Math.round(figures.sends.perSecond / 2)} /s (half of SQLite)`
	});
	report.value('relay', 'PostgreSQL, 3 processes: issues/s', three.sequencer.perSecond, '/s');
	report.value('relay', 'PostgreSQL, 3 processes: accepted sends/s', three.sends.perSecond, '/s', {
		budget: `≥ ${Math.round(one.sends.perSecond * 1.5)} /s (1.5× one process)`
	});
	// What limits three processes on one machine: the cores each party used during the sends.
	for (const [label, run] of [
		['1 process', one],
		['3 processes', three]
	] as const) {
		const cores = run.sends.cores;
		if (cores === undefined) continue;
		for (const [party, value] of [
			['relay', cores.relay],
			['load generator', cores.load],
			['PostgreSQL', cores.postgres]
		] as const) {
			if (value !== undefined)
				report.value('relay', `PostgreSQL, ${label}: cores used by ${party} (sends)`, value, '');
		}
	}
	if (three.sends.relayCpuMsPerRequest !== undefined)
		report.value(
			'relay',
			'PostgreSQL, 3 processes: relay CPU per accepted send',
			three.sends.relayCpuMsPerRequest,
			'ms'
		);
	report.value(
		'relay',
		`PostgreSQL, 1 process: sync appends, one row per push over the events socket (${one.concurrency} concurrent)`,
		one.syncSingle.perSecond,
		'rows/s'
	);
	for (const [name, phase] of [
		['PostgreSQL relay CPU per issued number', one.sequencer],
		['PostgreSQL relay CPU per accepted send', one.sends]
	] as const) {
		if (phase.relayCpuMsPerRequest !== undefined)
			report.value('relay', name, phase.relayCpuMsPerRequest, 'ms');
	}
}
