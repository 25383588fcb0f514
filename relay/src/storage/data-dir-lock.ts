import fs from 'node:fs';
import path from 'node:path';

/**
 * One relay process owns a data directory: the outbox requeues jobs left 'sending' at start-up,
 * which is only right when no other process is delivering them. A lock file left by a killed
 * process (its pid no longer alive) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, 'relay.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(fs.readFileSync(file, 'utf8').trim());
			if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
				throw new Error(`The data directory ${dataDir} is in use by relay process ${holder}.`);
			}
			fs.rmSync(file, { force: true });
		}
	}
	throw new Error(`Could not lock the data directory ${dataDir}.`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
