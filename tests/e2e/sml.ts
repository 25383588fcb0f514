import { createSocket } from 'node:dgram';

export interface EmptySml {
	server: string;
	stop(): Promise<void>;
}

/**
 * A DNS server on loopback that answers every query with NXDOMAIN, so the relay's SML lookup
 * says "not on Peppol" at once instead of asking the internet. The answer echoes the question.
 */
export async function startEmptySml(): Promise<EmptySml> {
	const socket = createSocket('udp4');
	socket.on('message', (query, remote) => {
		if (query.length < 12) return;
		let end = 12;
		while (end < query.length && query[end] !== 0) end += (query[end] ?? 0) + 1;
		end += 5;
		const answer = Buffer.from(query.subarray(0, Math.min(end, query.length)));
		answer[2] = 0x80 | ((answer[2] ?? 0) & 0x79);
		answer[3] = 0x80 | 3;
		answer.writeUInt16BE(1, 4);
		answer.writeUInt16BE(0, 6);
		answer.writeUInt16BE(0, 8);
		answer.writeUInt16BE(0, 10);
		socket.send(answer, remote.port, remote.address);
	});
	await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
	return {
		server: `127.0.0.1:${socket.address().port}`,
		stop: () => new Promise<void>((resolve) => socket.close(() => resolve()))
	};
}
