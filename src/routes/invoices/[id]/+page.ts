import { error } from '@sveltejs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function load({ params }: { params: { id: string } }): { id: string } {
	if (!UUID.test(params.id)) error(404, 'Not found');
	return { id: params.id };
}
