import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const VIEWPORTS = [
	{ name: 'laptop', width: 1280, height: 800, description: 250 },
	{ name: 'phone', width: 390, height: 844, description: 250 }
] as const;

/** How wide the chosen option's text is, and how much room the select gives it. */
async function selectedTextRoom(
	select: Locator
): Promise<{ text: string; needed: number; room: number }> {
	return select.evaluate((element: HTMLSelectElement) => {
		const style = getComputedStyle(element);
		const context = document.createElement('canvas').getContext('2d');
		if (!context) throw new Error('no 2d canvas');
		context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
		const text = element.selectedOptions[0]?.text ?? '';
		// Chromium draws the drop-down arrow inside the padding box: about 20 px at 16 px text.
		const arrow = 20;
		const room =
			element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
		return { text, needed: Math.ceil(context.measureText(text).width), room: Math.floor(room) };
	});
}

for (const viewport of VIEWPORTS) {
	test(`invoice lines are comfortable to type at ${viewport.width} px`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await page.goto('/invoices/new');
		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByRole('button', { name: 'Add free-text line' }).click();

		const description = page.getByLabel('Description of line 1');
		await description.fill('Ontwerp en ontwikkeling van de webshop met betaalintegratie');
		const box = await description.boundingBox();
		expect(box?.width ?? 0).toBeGreaterThanOrEqual(viewport.description);

		const unit = page.getByLabel('Unit of line 1');
		await unit.selectOption({ label: 'month' });
		const vat = page.getByLabel('VAT code of line 1');
		for (const label of ['VAT 21%', 'Intra-EU services (reverse charge)']) {
			await vat.selectOption({ label });
			const { text, needed, room } = await selectedTextRoom(vat);
			expect(text).toBe(label);
			expect(needed, `"${label}" fits its select`).toBeLessThanOrEqual(room);
		}
		const unitRoom = await selectedTextRoom(unit);
		expect(unitRoom.needed, '"month" fits its select').toBeLessThanOrEqual(unitRoom.room);
		for (const label of ['Quantity of line 1', 'Unit price of line 1', 'Discount % of line 1']) {
			expect((await page.getByLabel(label).boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(64);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			viewport.width
		);
	});
}

test('the editor links to the layout next to its preview', async ({ page }) => {
	await page.goto('/invoices/new');
	const preview = page.getByRole('region', { name: 'PDF preview' });
	await preview.getByRole('link', { name: /Edit the layout/ }).click();
	await expect(page).toHaveURL(/\/settings\/layout$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Invoice layout' })).toBeVisible();
});
