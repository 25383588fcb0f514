import { describe, expect, it } from 'vitest';
import { sellerParticipantIds } from './peppol-participants';

const BOTH = ['0208', '9925'];
const seller = {
	enterpriseNumber: '0123.456.749',
	vatNumber: 'BE 0123.456.749',
	smallBusinessExemption: false,
	address: { countryCode: 'BE' }
};

describe('sellerParticipantIds', () => {
	it('gives 0208 and 9925 for a VAT-registered Belgian seller', () => {
		expect(sellerParticipantIds(seller, BOTH)).toEqual({
			ids: ['0208:0123456749', '9925:BE0123456749'],
			missingEnterpriseNumber: false
		});
	});

	it('leaves out 9925 where the provider does not register it', () => {
		expect(sellerParticipantIds(seller, ['0208']).ids).toEqual(['0208:0123456749']);
	});

	it('leaves out 9925 for a seller under the small-business exemption', () => {
		const exempt = { ...seller, vatNumber: undefined, smallBusinessExemption: true };
		expect(sellerParticipantIds(exempt, BOTH).ids).toEqual(['0208:0123456749']);
	});

	it('puts the id typed in the profile first, as the UBL names it the endpoint', () => {
		const typed = { ...seller, peppolId: '9925:BE0123456749' };
		expect(sellerParticipantIds(typed, BOTH).ids).toEqual(['9925:BE0123456749', '0208:0123456749']);
	});

	it('says the enterprise number is missing when there is none or it is invalid', () => {
		expect(
			sellerParticipantIds({ ...seller, enterpriseNumber: undefined, vatNumber: undefined }, BOTH)
		).toEqual({
			ids: [],
			missingEnterpriseNumber: true
		});
		expect(
			sellerParticipantIds(
				{ ...seller, enterpriseNumber: '0123456789', vatNumber: undefined },
				BOTH
			).missingEnterpriseNumber
		).toBe(true);
		expect(sellerParticipantIds(undefined, BOTH).missingEnterpriseNumber).toBe(true);
	});
});
