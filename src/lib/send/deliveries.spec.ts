import { describe, expect, it } from 'vitest';
import type { SendAttempt } from '$lib/document';
import {
	currentResend,
	deliveriesOf,
	isLateStatus,
	nextResend,
	standingDelivery
} from './deliveries';

const at = (minute: number) => `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`;
const step = (minute: number, result: SendAttempt['result'], extra: Partial<SendAttempt> = {}) =>
	({ channel: 'email', at: at(minute), result, ...extra }) satisfies SendAttempt;

describe('deliveries of an invoice', () => {
	it('reads Queued → Sending → Queued → Sending → Sent as one e-mail, sent, to whom', () => {
		const history = [
			step(1, 'queued'),
			step(2, 'sending'),
			step(3, 'queued', { error: 'SMTP 421 try later', retryable: true }),
			step(4, 'sending'),
			step(5, 'sent', { recipient: 'ap@delta.example', messageId: '<j@relay>' })
		];
		const [delivery, ...rest] = deliveriesOf(history);
		expect(rest).toEqual([]);
		expect(delivery).toMatchObject({
			result: 'sent',
			channel: 'email',
			at: at(5),
			recipient: 'ap@delta.example',
			error: undefined
		});
		expect(delivery?.steps).toHaveLength(5);
	});

	it('names the access-point provider and the message id of a Peppol delivery', () => {
		const recommand = { id: 'recommand', name: 'Recommand' };
		const history = [
			step(1, 'queued', { channel: 'peppol' }),
			step(2, 'sending', { channel: 'peppol' }),
			step(3, 'sent', {
				channel: 'peppol',
				recipient: '0208:0417497106',
				messageId: 'msg-1',
				provider: recommand
			})
		];
		expect(deliveriesOf(history)[0]).toMatchObject({
			channel: 'peppol',
			result: 'sent',
			provider: recommand,
			messageId: 'msg-1'
		});
	});

	it('keeps the last error while a send waits to be retried', () => {
		const history = [step(1, 'queued'), step(2, 'queued', { error: 'SMTP 421', retryable: true })];
		expect(deliveriesOf(history)[0]?.error).toBe('SMTP 421');
	});

	it('tells a send again and a hand-over apart from the first send', () => {
		const history = [
			step(1, 'queued'),
			step(2, 'sent', { warnings: [{ code: 'be-b2b-not-on-peppol', message: 'x' }] }),
			step(3, 'sent', { channel: 'download' }),
			step(4, 'queued', { resend: 1 }),
			step(5, 'sent', { resend: 1 })
		];
		const deliveries = deliveriesOf(history);
		expect(deliveries.map((d) => [d.channel, d.resend, d.result])).toEqual([
			['email', 0, 'sent'],
			['download', undefined, 'sent'],
			['email', 1, 'sent']
		]);
		expect(deliveries[0]?.warnings.map((w) => w.code)).toEqual(['be-b2b-not-on-peppol']);
		expect(nextResend(history)).toBe(2);
		expect(currentResend(history)).toBe(1);
		expect(standingDelivery(history)?.resend).toBe(1);
	});

	it('has nothing standing after a failure, and starts at 0', () => {
		const failed = [step(1, 'queued'), step(2, 'failed', { error: 'no address' })];
		expect(standingDelivery(failed)).toBeUndefined();
		expect(nextResend([])).toBe(0);
		expect(currentResend(failed)).toBe(0);
	});
});

describe('isLateStatus', () => {
	it('keeps a delivery the relay reported sent from being reopened by a late "queued"', () => {
		const history = [step(1, 'queued'), step(2, 'sending'), step(3, 'sent')];
		expect(isLateStatus(history, step(1, 'queued'))).toBe(true);
		expect(isLateStatus(history, step(2, 'sending'))).toBe(true);
	});

	it('lets every status through before the delivery is sent, and a new "send again" after it', () => {
		expect(isLateStatus([step(1, 'queued')], step(2, 'sending'))).toBe(false);
		expect(isLateStatus([step(1, 'failed')], step(2, 'queued'))).toBe(false);
		const sent = [step(1, 'queued'), step(3, 'sent')];
		expect(isLateStatus(sent, step(4, 'queued', { resend: 1 }))).toBe(false);
	});
});
