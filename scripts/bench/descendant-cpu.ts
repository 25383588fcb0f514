import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) used so far by this process's descendants, by kind: `relay`, a
 * Chromium process's `--type` (with its utility sub-type), or `browser` for Chromium's main
 * process. A cost the machine's load does not inflate, unlike wall time on shared cores. Other
 * descendants (tsx's esbuild) are left out.
 */
export function descendantCpu(): Map<string, number> {
	const ticks = 100; // USER_HZ on Linux
	const procs = new Map<number, { ppid: number; cpu: number; kind: string }>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
			// Chromium's zygote children rewrite their command line as one string with spaces.
			const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split(/[\0 ]/);
			const type = cmd.find((arg) => arg.startsWith('--type='))?.slice(7);
			const sub = cmd.find((arg) => arg.startsWith('--utility-sub-type='))?.slice(19);
			const kind = cmd.some((arg) => arg.includes('relay/dist/main.js'))
				? 'relay'
				: type
					? `${type}${sub ? `:${sub.split('.').at(-1)}` : ''}`
					: 'browser';
			procs.set(Number(name), {
				ppid: Number(fields[1]),
				cpu: (Number(fields[11]) + Number(fields[12])) / ticks,
				kind
			});
		} catch {
			// The process ended while it was read.
		}
	}
	const total = new Map<string, number>();
	for (const [pid, proc] of procs) {
		let parent = proc.ppid;
		while (parent > 1 && parent !== process.pid) parent = procs.get(parent)?.ppid ?? 0;
		if (parent !== process.pid || pid === process.pid) continue;
		if (proc.kind === 'browser' && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom'))
			continue;
		total.set(proc.kind, (total.get(proc.kind) ?? 0) + proc.cpu);
	}
	return total;
}
