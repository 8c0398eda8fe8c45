/*
 * Bit buffer, Exp-Golomb codes and zigzag run-length block coding
 * (vlc.h). Invariant: BB->bits never counts a bit that was not stored, so
 * a full buffer only sets BB->overflow.
 */
#include "vlc.h"

const uint8_t vlc_zigzag[64] = {
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
};

void bitbuf_init(struct bitbuf *bb, uint8_t *data, size_t size)
{
	bb->data = data;
	bb->size = size;
	bb->bits = 0;
	bb->overflow = 0;
}

void bitbuf_put(struct bitbuf *bb, uint32_t value, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		size_t byte = bb->bits / 8;
		int shift = 7 - (int)(bb->bits % 8);

		if (byte >= bb->size) {
			bb->overflow = 1;
			return;
		}
		if (shift == 7)
			bb->data[byte] = 0;
		bb->data[byte] |= (uint8_t)(((value >> i) & 1u) << shift);
		bb->bits++;
	}
}

size_t bitbuf_bytes(const struct bitbuf *bb)
{
	return (bb->bits + 7) / 8;
}

uint32_t bitbuf_get(struct bitbuf *bb, int n)
{
	uint32_t v = 0;

	for (int i = 0; i < n; i++) {
		size_t byte = bb->bits / 8;
		uint32_t bit = byte < bb->size ? (bb->data[byte] >> (7 - bb->bits % 8)) & 1u : 0;
		v = (v << 1) | bit;
		bb->bits++;
	}
	return v;
}

/* ue(v): v + 1 in binary, after as many zeros as it has bits less one. */
void vlc_put_ue(struct bitbuf *bb, uint32_t v)
{
	uint32_t x = v + 1;
	int len = 0;

	while (len < 31 && x >> (len + 1))
		len++;
	bitbuf_put(bb, 0, len);
	bitbuf_put(bb, x, len + 1);
}

void vlc_put_se(struct bitbuf *bb, int v)
{
	vlc_put_ue(bb, v > 0 ? 2u * (uint32_t)v - 1 : 2u * (uint32_t)-v);
}

uint32_t vlc_get_ue(struct bitbuf *bb)
{
	int zeros = 0;

	while (zeros < 31 && bitbuf_get(bb, 1) == 0)
		zeros++;
	return ((1u << zeros) | bitbuf_get(bb, zeros)) - 1;
}

int vlc_get_se(struct bitbuf *bb)
{
	uint32_t u = vlc_get_ue(bb);

	return u & 1 ? (int)((u + 1) / 2) : -(int)(u / 2);
}

void vlc_encode_block(struct bitbuf *bb, const int level[64])
{
	int run = 0;

	for (int k = 0; k < 64; k++) {
		int v = level[vlc_zigzag[k]];
		if (v == 0) {
			run++;
			continue;
		}
		vlc_put_ue(bb, (uint32_t)run);
		vlc_put_se(bb, v);
		run = 0;
	}
	vlc_put_ue(bb, VLC_EOB);
}

int vlc_decode_block(struct bitbuf *bb, int level[64])
{
	int k = 0;

	for (int i = 0; i < 64; i++)
		level[i] = 0;
	for (;;) {
		uint32_t run = vlc_get_ue(bb);
		if (run == VLC_EOB)
			return 0;
		if (run > 63 || k + (int)run > 63)
			return -1;
		k += (int)run;
		level[vlc_zigzag[k++]] = vlc_get_se(bb);
	}
}
