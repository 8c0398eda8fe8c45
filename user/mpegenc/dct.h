/*
 * The 8x8 two-dimensional DCT-II and its inverse in fixed point, and the
 * quantiser, for mpegenc. Pure integer code (the kernel does not save FPU
 * state): the cosine basis is scaled by 4096 and rounded.
 *
 * The transform is orthonormal, so a block of constant value V has the
 * single coefficient 8 * V at [0] and the inverse of the forward transform
 * gives the block back within a unit or two. Blocks are row-major, 64
 * ints: [row * 8 + column].
 */
#ifndef MPEGENC_DCT_H
#define MPEGENC_DCT_H

#include <stdint.h>

#define DCT_COEF_MAX 2047          /* dequantised coefficients are clamped to +-this */

/*
 * Forward DCT of IN (samples in [-255, 255]: pixels minus 128, or
 * residuals) into OUT (coefficients in about [-2040, 2040]).
 */
void dct_forward(const int in[64], int out[64]);

/* Inverse DCT of IN (coefficients within +-DCT_COEF_MAX) into OUT. */
void dct_inverse(const int in[64], int out[64]);

/* MPEG-1's default intra matrix, and the flat matrix for residuals. */
extern const uint8_t dct_intra_matrix[64];
extern const uint8_t dct_inter_matrix[64];

/* A quantiser: the step of each coefficient for one matrix and scale. */
struct quantiser {
	int step[64];                  /* row-major, each at least 1 */
	int intra;                     /* 1: round to nearest; 0: towards zero (a dead zone) */
};

/*
 * Set Q up for MATRIX and QSCALE (1..31): the step of coefficient I is
 * MATRIX[I] * QSCALE / 8 (MPEG's scale), except that an intra block's DC
 * always has step 8. INTRA chooses the rounding.
 */
void dct_quantiser_init(struct quantiser *q, const uint8_t matrix[64], int qscale, int intra);

/* Quantise COEF into LEVEL with Q. Returns the number of nonzero levels. */
int dct_quantise(const struct quantiser *q, const int coef[64], int level[64]);

/* The reverse: LEVEL back to coefficients, clamped to +-DCT_COEF_MAX. */
void dct_dequantise(const struct quantiser *q, const int level[64], int coef[64]);

#endif /* MPEGENC_DCT_H */
