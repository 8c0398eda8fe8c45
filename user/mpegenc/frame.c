/*
 * Frame synthesis and colour conversion (frame.h). Invariant: integer
 * arithmetic only; frame N depends on N alone.
 */
#include "frame.h"

/* A triangle wave: 0, 1, ..., SPAN, SPAN - 1, ..., 0, ... at step N. */
static int bounce(unsigned n, int span)
{
	int p = (int)(n % (unsigned)(2 * span));

	return p <= span ? p : 2 * span - p;
}

void frame_square_pos(unsigned n, int *x, int *y)
{
	*x = bounce(n, FRAME_W - SQUARE);
	*y = bounce(n, FRAME_H - SQUARE);
}

void frame_synth(unsigned n, struct frame_rgb *out)
{
	int sx, sy;

	frame_square_pos(n, &sx, &sy);
	for (int y = 0; y < FRAME_H; y++) {
		for (int x = 0; x < FRAME_W; x++) {
			uint8_t *p = out->px[y][x];
			int in_square = x >= sx && x < sx + SQUARE && y >= sy && y < sy + SQUARE;

			if (in_square) {
				/* A bright square with a darker cross, so it has edges inside. */
				int cross = (x - sx) / 4 == 3 || (y - sy) / 4 == 3;
				p[0] = cross ? 40 : 240;
				p[1] = cross ? 40 : 220;
				p[2] = cross ? 120 : 30;
			} else {
				/* Gradients drifting right, down and diagonally. */
				p[0] = (uint8_t)(x + n);
				p[1] = (uint8_t)(2 * y + n);
				p[2] = (uint8_t)((x + y) / 2 + 2 * n);
			}
		}
	}
}

/* BT.601 in 8-bit fixed point (coefficients * 256). */
static uint8_t luma(const uint8_t *p)
{
	return (uint8_t)(((66 * p[0] + 129 * p[1] + 25 * p[2] + 128) >> 8) + 16);
}

static uint8_t chroma_b(int r, int g, int b)
{
	return (uint8_t)(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
}

static uint8_t chroma_r(int r, int g, int b)
{
	return (uint8_t)(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
}

void frame_to_yuv(const struct frame_rgb *in, struct frame_yuv *out)
{
	for (int y = 0; y < LUMA_H; y++) {
		int sy = y < FRAME_H ? y : FRAME_H - 1;      /* pad with the last row */
		for (int x = 0; x < FRAME_W; x++)
			out->y[y][x] = luma(in->px[sy][x]);
	}
	for (int y = 0; y < CHROMA_H; y++) {
		int y0 = 2 * y < FRAME_H ? 2 * y : FRAME_H - 2;
		for (int x = 0; x < CHROMA_W; x++) {
			int r = 0, g = 0, b = 0;
			for (int dy = 0; dy < 2; dy++)
				for (int dx = 0; dx < 2; dx++) {
					const uint8_t *p = in->px[y0 + dy][2 * x + dx];
					r += p[0];
					g += p[1];
					b += p[2];
				}
			out->cb[y][x] = chroma_b(r / 4, g / 4, b / 4);
			out->cr[y][x] = chroma_r(r / 4, g / 4, b / 4);
		}
	}
}
