/*
 * The fixed-point 8x8 DCT and quantiser (dct.h). Both transforms are two
 * passes of an 8-point transform (the matrix product with the table below,
 * computed by its even/odd symmetry), over columns then rows; the first
 * pass keeps 3 fractional bits, the second removes all scaling with
 * rounding. Invariant: every intermediate fits in 32 bits for the input
 * ranges dct.h states.
 */
#include "dct.h"

/* basis[u][x] = round(4096 * c(u) * cos((2x + 1) u pi / 16)), c(0) = 1/sqrt(8), else 1/2. */
static const int basis[8][8] = {
	{ 1448, 1448, 1448, 1448, 1448, 1448, 1448, 1448 },
	{ 2009, 1703, 1138, 400, -400, -1138, -1703, -2009 },
	{ 1892, 784, -784, -1892, -1892, -784, 784, 1892 },
	{ 1703, -400, -2009, -1138, 1138, 2009, 400, -1703 },
	{ 1448, -1448, -1448, 1448, 1448, -1448, -1448, 1448 },
	{ 1138, -2009, 400, 1703, -1703, -400, 2009, -1138 },
	{ 784, -1892, 1892, -784, -784, 1892, -1892, 784 },
	{ 400, -1138, 1703, -2009, 2009, -1703, 1138, -400 },
};

#define PASS1_SHIFT 9     /* 4096 -> 8: three fractional bits kept */
#define PASS2_SHIFT 15    /* 8 * 4096 -> 1 */

/*
 * One 8-point forward transform: OUT[u * OS] = sum_i basis[u][i] * IN[i *
 * IS], rounded and shifted right by SHIFT. Even rows of the basis are
 * symmetric and odd rows antisymmetric, so each output needs only four
 * products, of the sums or the differences of mirrored inputs; the result
 * is exactly that of the full product.
 */
static inline void fdct8(const int *in, int is, int *out, int os, int shift)
{
	int sum[4], diff[4];

	for (int i = 0; i < 4; i++) {
		sum[i] = in[i * is] + in[(7 - i) * is];
		diff[i] = in[i * is] - in[(7 - i) * is];
	}
	for (int u = 0; u < 8; u++) {
		const int *v = u & 1 ? diff : sum;
		int s = basis[u][0] * v[0] + basis[u][1] * v[1] + basis[u][2] * v[2] +
			basis[u][3] * v[3];
		out[u * os] = (s + (1 << (shift - 1))) >> shift;
	}
}

/*
 * One 8-point inverse transform: OUT[i * OS] = sum_u basis[u][i] * IN[u *
 * IS], rounded and shifted right by SHIFT. By the same symmetry, output i
 * and output 7 - i are the even part plus and minus the odd part.
 */
static inline void idct8(const int *in, int is, int *out, int os, int shift)
{
	for (int i = 0; i < 4; i++) {
		int even = 0, odd = 0;
		for (int u = 0; u < 8; u += 2) {
			even += basis[u][i] * in[u * is];
			odd += basis[u + 1][i] * in[(u + 1) * is];
		}
		out[i * os] = (even + odd + (1 << (shift - 1))) >> shift;
		out[(7 - i) * os] = (even - odd + (1 << (shift - 1))) >> shift;
	}
}

void dct_forward(const int in[64], int out[64])
{
	int tmp[64];

	for (int j = 0; j < 8; j++)              /* columns: tmp[u][j] */
		fdct8(in + j, 8, tmp + j, 8, PASS1_SHIFT);
	for (int u = 0; u < 8; u++)              /* rows: out[u][v] */
		fdct8(tmp + u * 8, 1, out + u * 8, 1, PASS2_SHIFT);
}

void dct_inverse(const int in[64], int out[64])
{
	int tmp[64];

	for (int v = 0; v < 8; v++)              /* columns: tmp[i][v] */
		idct8(in + v, 8, tmp + v, 8, PASS1_SHIFT);
	for (int i = 0; i < 8; i++)              /* rows: out[i][j] */
		idct8(tmp + i * 8, 1, out + i * 8, 1, PASS2_SHIFT);
}

const uint8_t dct_intra_matrix[64] = {
	8, 16, 19, 22, 26, 27, 29, 34,
	16, 16, 22, 24, 27, 29, 34, 37,
	19, 22, 26, 27, 29, 34, 34, 38,
	22, 22, 26, 27, 29, 34, 37, 40,
	22, 26, 27, 29, 32, 35, 40, 48,
	26, 27, 29, 32, 35, 40, 48, 58,
	26, 27, 29, 34, 38, 46, 56, 69,
	27, 29, 35, 38, 46, 56, 69, 83,
};

const uint8_t dct_inter_matrix[64] = {
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
};

void dct_quantiser_init(struct quantiser *q, const uint8_t matrix[64], int qscale, int intra)
{
	for (int i = 0; i < 64; i++) {
		int step = intra && i == 0 ? 8 : matrix[i] * qscale / 8;
		q->step[i] = step > 0 ? step : 1;
	}
	q->intra = intra;
}

int dct_quantise(const struct quantiser *q, const int coef[64], int level[64])
{
	int nonzero = 0;

	for (int i = 0; i < 64; i++) {
		int step = q->step[i];
		int mag = coef[i] < 0 ? -coef[i] : coef[i];
		int v = q->intra ? (mag + step / 2) / step : mag / step;
		level[i] = coef[i] < 0 ? -v : v;
		nonzero += v != 0;
	}
	return nonzero;
}

void dct_dequantise(const struct quantiser *q, const int level[64], int coef[64])
{
	for (int i = 0; i < 64; i++) {
		int c = level[i] * q->step[i];
		coef[i] = c > DCT_COEF_MAX ? DCT_COEF_MAX : c < -DCT_COEF_MAX ? -DCT_COEF_MAX : c;
	}
}
