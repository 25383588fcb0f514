/** WebSocket close codes the relay uses (4000–4999 is the application range; 44xx mirror HTTP). */
export const CloseCode = {
	BadMessage: 4400,
	Unauthorized: 4401,
	Forbidden: 4403,
	ShuttingDown: 1001,
	InternalError: 1011
} as const;
