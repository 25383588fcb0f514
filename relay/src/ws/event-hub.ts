import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientMessageSchema } from '../api/schemas.js';
import type { DeviceAuth } from '../http/router.js';
import type { Logger } from '../log.js';
import { CloseCode } from './close-codes.js';

export interface EventHub {
	publish(workspaceId: string, message: unknown): void;
	disconnectDevice(deviceId: string): void;
	close(): void;
}

interface Connection {
	socket: WebSocket;
	auth: DeviceAuth | undefined;
	alive: boolean;
}

const EVENTS_PATH = /^\/api\/v1\/workspaces\/([^/]+)\/events$/;

/**
 * GET /api/v1/workspaces/:workspaceId/events upgrades to a WebSocket. Browsers cannot set an
 * Authorization header on a WebSocket, so the first message must be {type:"auth", token}; the
 * relay answers {type:"ready"} or closes with 4401 (bad token) or 4403 (another workspace).
 * Afterwards it pushes {type:"job", job} whenever a job of the workspace changes.
 */
export function createEventHub(options: {
	server: Server;
	authenticate: (token: string) => DeviceAuth | undefined;
	log: Logger;
	authTimeoutMs: number;
	heartbeatMs: number;
}): EventHub {
	const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
	const connections = new Set<Connection>();

	const reject = (socket: Duplex, status: number, text: string): void => {
		socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	};

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		const pathname = (req.url ?? '').split('?')[0] ?? '';
		const match = EVENTS_PATH.exec(pathname);
		if (match === null) return reject(socket, 404, 'Not Found');
		const workspaceId = decodeURIComponent(match[1] ?? '');
		wss.handleUpgrade(req, socket, head, (ws) => accept(ws, workspaceId));
	};

	const accept = (socket: WebSocket, workspaceId: string): void => {
		const connection: Connection = { socket, auth: undefined, alive: true };
		connections.add(connection);
		const authTimer = setTimeout(
			() => socket.close(CloseCode.Unauthorized, 'authenticate first'),
			options.authTimeoutMs
		);
		socket.on('pong', () => (connection.alive = true));
		socket.on('close', () => {
			clearTimeout(authTimer);
			connections.delete(connection);
		});
		socket.on('error', () => socket.terminate());
		socket.on('message', (data, isBinary) => {
			if (isBinary || connection.auth !== undefined) {
				socket.close(CloseCode.BadMessage, 'unexpected message');
				return;
			}
			let parsed: unknown;
			try {
				parsed = JSON.parse(data.toString());
			} catch {
				socket.close(CloseCode.BadMessage, 'not JSON');
				return;
			}
			const message = clientMessageSchema.safeParse(parsed);
			if (!message.success) {
				socket.close(CloseCode.BadMessage, 'expected {type:"auth",token}');
				return;
			}
			clearTimeout(authTimer);
			const auth = options.authenticate(message.data.token);
			if (auth === undefined) {
				socket.close(CloseCode.Unauthorized, 'invalid token');
				return;
			}
			if (auth.workspaceId !== workspaceId) {
				socket.close(CloseCode.Forbidden, 'another workspace');
				return;
			}
			connection.auth = auth;
			socket.send(JSON.stringify({ type: 'ready', workspaceId, deviceId: auth.deviceId }));
			options.log.debug('events-connected', { workspaceId, deviceId: auth.deviceId });
		});
	};

	options.server.on('upgrade', onUpgrade);
	const heartbeat = setInterval(() => {
		for (const connection of connections) {
			if (!connection.alive) {
				connection.socket.terminate();
				continue;
			}
			connection.alive = false;
			connection.socket.ping();
		}
	}, options.heartbeatMs);
	heartbeat.unref();

	return {
		publish(workspaceId, message) {
			const text = JSON.stringify(message);
			for (const connection of connections) {
				if (connection.auth?.workspaceId === workspaceId) connection.socket.send(text);
			}
		},
		disconnectDevice(deviceId) {
			for (const connection of connections) {
				if (connection.auth?.deviceId === deviceId)
					connection.socket.close(CloseCode.Unauthorized, 'device revoked');
			}
		},
		close() {
			clearInterval(heartbeat);
			options.server.off('upgrade', onUpgrade);
			for (const connection of connections)
				connection.socket.close(CloseCode.ShuttingDown, 'relay shutting down');
			wss.close();
		}
	};
}
