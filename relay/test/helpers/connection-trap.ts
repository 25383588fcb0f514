import net, { type AddressInfo } from 'node:net';

export interface ConnectionTrap {
	port: number;
	/** TCP connections accepted so far: any at all means the relay connected where it must not. */
	connections: number;
	close(): Promise<void>;
}

/** A TCP listener that only counts connections (and drops them), standing in for an internal service. */
export async function startConnectionTrap(host = '127.0.0.1', port = 0): Promise<ConnectionTrap> {
	const sockets = new Set<net.Socket>();
	const trap = { port: 0, connections: 0, close: () => Promise.resolve() };
	const server = net.createServer((socket) => {
		trap.connections++;
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
		socket.destroy();
	});
	server.listen(port, host);
	await new Promise((resolve, reject) => {
		server.once('listening', resolve);
		server.once('error', reject);
	});
	trap.port = (server.address() as AddressInfo).port;
	trap.close = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
	return trap;
}
