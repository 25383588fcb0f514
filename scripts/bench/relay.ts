import { spawnSync } from 'node:child_process';
import type { Report } from './report';

interface Phase {
	perSecond: number;
	/** Relay CPU time per request: the capacity one core gives, whatever else shares the machine. */
	relayCpuMsPerRequest?: number;
}

/** Runs the relay's own throughput bench (a real relay process on loopback) and reports it. */
export function benchRelay(report: Report, quick: boolean): void {
	const args = quick
		? ['--', '--issues', '300', '--sends', '100', '--appends', '500', '--sockets', '100']
		: [];
	const result = spawnSync('npm', ['--prefix', 'relay', 'run', '--silent', 'bench', ...args], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const line = result.stdout.split('\n').find((text) => text.startsWith('{"bench":"relay"'));
	if (result.status !== 0 || !line) {
		report.skip(
			'relay',
			'sequencer and outbox throughput',
			`relay bench exited with ${result.status}`
		);
		return;
	}
	const figures = JSON.parse(line) as {
		sequencer: Phase;
		sends: Phase;
		syncSingle: Phase;
		syncBatched: Phase & { rowsPerSecond: number };
		idleSockets: { open: number; pokeAllMs: number };
		concurrency: number;
	};
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
		`sync log appends, one row per push (${figures.concurrency} concurrent)`,
		figures.syncSingle.perSecond,
		'rows/s'
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
}
