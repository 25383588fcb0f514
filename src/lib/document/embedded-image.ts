import { z } from 'zod';

/**
 * An image of the seller's header or footer as the PDF embeds it: the image stream and the
 * entries of its dictionary, made once when the logo is saved (pdf/prepare-image.ts). A render
 * writes these bytes as they are, so no PDF decodes or re-compresses the logo again.
 */
export const embeddedImageSchema = z.object({
	/** imageKey() of the data: URL the image was made from: how a render finds it. */
	key: z.string().regex(/^[0-9a-f]{16}-\d+$/, 'must be an image key (imageKey)'),
	width: z.number().int().positive(),
	height: z.number().int().positive(),
	colorSpace: z.enum(['DeviceRGB', 'DeviceGray', 'DeviceCMYK', 'Indexed']),
	bitsPerComponent: z.number().int().min(1).max(16),
	filter: z.enum(['FlateDecode', 'DCTDecode']).optional(),
	/** The DecodeParms entries (PNG predictor, colours, columns), without the brackets. */
	decodeParameters: z
		.string()
		.regex(/^[/A-Za-z0-9 ]*$/, 'must be PDF names and numbers')
		.max(200)
		.optional(),
	/** The image stream, base64. */
	data: z.string().min(1),
	/** The alpha channel's stream (an SMask), base64. */
	sMask: z.string().min(1).optional(),
	sMaskBitsPerComponent: z.number().int().min(1).max(16).optional(),
	/** The PNG predictor the streams are written with (the SMask's DecodeParms repeat it). */
	predictor: z.number().int().min(1).max(15).optional(),
	/** An indexed image's palette (RGB triples), base64. */
	palette: z.string().optional(),
	/** Colour-key masking of an indexed or opaque PNG's transparent colour. */
	transparency: z.array(z.number().int().min(0).max(65535)).max(768).optional()
});
export type EmbeddedImage = z.infer<typeof embeddedImageSchema>;
