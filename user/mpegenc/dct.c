/*
 * The fixed-point 8x8 DCT and quantiser (dct.h). Both transforms are two
 * passes of an 8-point matrix product with the table below; the first
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

void dct_forward(const int in[64], int out[64])
{
	int tmp[64];

	/* Columns: tmp[u][j] = sum_i basis[u][i] * in[i][j]. */
	for (int u = 0; u < 8; u++)
		for (int j = 0; j < 8; j++) {
			int s = 0;
			for (int i = 0; i < 8; i++)
				s += basis[u][i] * in[i * 8 + j];
			tmp[u * 8 + j] = (s + (1 << (PASS1_SHIFT - 1))) >> PASS1_SHIFT;
		}
	/* Rows: out[u][v] = sum_j tmp[u][j] * basis[v][j]. */
	for (int u = 0; u < 8; u++)
		for (int v = 0; v < 8; v++) {
			int s = 0;
			for (int j = 0; j < 8; j++)
				s += tmp[u * 8 + j] * basis[v][j];
			out[u * 8 + v] = (s + (1 << (PASS2_SHIFT - 1))) >> PASS2_SHIFT;
		}
}

void dct_inverse(const int in[64], int out[64])
{
	int tmp[64];

	/* Columns: tmp[i][v] = sum_u basis[u][i] * in[u][v]. */
	for (int i = 0; i < 8; i++)
		for (int v = 0; v < 8; v++) {
			int s = 0;
			for (int u = 0; u < 8; u++)
				s += basis[u][i] * in[u * 8 + v];
			tmp[i * 8 + v] = (s + (1 << (PASS1_SHIFT - 1))) >> PASS1_SHIFT;
		}
	/* Rows: out[i][j] = sum_v tmp[i][v] * basis[v][j]. */
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++) {
			int s = 0;
			for (int v = 0; v < 8; v++)
				s += tmp[i * 8 + v] * basis[v][j];
			out[i * 8 + j] = (s + (1 << (PASS2_SHIFT - 1))) >> PASS2_SHIFT;
		}
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

/*
 * The step of coefficient I is MATRIX[I] * QSCALE / 8 (MPEG's scale, in
 * which the step of an intra DC at QSCALE 1 is 1); the DC of an intra
 * block always has step 8.
 */
static int step_of(const uint8_t matrix[64], int qscale, int i, int intra)
{
	if (intra && i == 0)
		return 8;
	int step = matrix[i] * qscale / 8;
	return step > 0 ? step : 1;
}

int dct_quantise(const int coef[64], int level[64], const uint8_t matrix[64], int qscale,
		 int intra)
{
	int nonzero = 0;

	for (int i = 0; i < 64; i++) {
		int step = step_of(matrix, qscale, i, intra);
		int mag = coef[i] < 0 ? -coef[i] : coef[i];
		int q = intra ? (mag + step / 2) / step : mag / step;
		level[i] = coef[i] < 0 ? -q : q;
		nonzero += q != 0;
	}
	return nonzero;
}

void dct_dequantise(const int level[64], int coef[64], const uint8_t matrix[64], int qscale,
		    int intra)
{
	for (int i = 0; i < 64; i++) {
		int c = level[i] * step_of(matrix, qscale, i, intra);
		coef[i] = c > DCT_COEF_MAX ? DCT_COEF_MAX : c < -DCT_COEF_MAX ? -DCT_COEF_MAX : c;
	}
}
