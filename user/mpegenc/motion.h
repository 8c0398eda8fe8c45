/*
 * mpegenc's motion search: for a 16x16 macroblock of the current luma
 * plane, the displacement into a reference plane with the least sum of
 * absolute differences (SAD), found by diamond search (the large diamond
 * until its centre is best, then the small one) from a predicted vector,
 * within +-range pixels
 * and never outside the plane. Pure code: no system call.
 */
#ifndef MPEGENC_MOTION_H
#define MPEGENC_MOTION_H

#include <stdint.h>

#define MB 16                       /* macroblock side, luma pixels */
#define MOTION_RANGE_MAX 15         /* the largest search range, pixels */

/* A motion vector: the reference block is at (x + dx, y + dy). */
struct motion_vec {
	int dx, dy;
};

/* A plane of 8-bit samples: W x H, rows STRIDE bytes apart. */
struct plane {
	const uint8_t *px;          /* px[y * stride + x] */
	int w, h, stride;
};

/*
 * SAD of the 16x16 blocks at A (rows ASTRIDE apart) and B (rows BSTRIDE
 * apart). Stops after the row where the sum reaches LIMIT and returns
 * that partial sum (at least LIMIT); ~0u as LIMIT gives the whole SAD.
 */
unsigned motion_sad16(const uint8_t *a, int astride, const uint8_t *b, int bstride,
		      unsigned limit);

/*
 * The vector within +-RANGE (at most MOTION_RANGE_MAX) that best predicts the macroblock of CUR at
 * (X, Y) (a multiple of MB, inside the plane) from REF (the same size as
 * CUR); its SAD in *SAD. The search starts from the better of (0, 0) and
 * PRED (say, the vector of the macroblock before). Counts the candidates
 * it tried (each at most once) in *TRIED when TRIED is not NULL.
 */
struct motion_vec motion_search(const struct plane *cur, const struct plane *ref, int x, int y,
				int range, struct motion_vec pred, unsigned *sad,
				unsigned *tried);

#endif /* MPEGENC_MOTION_H */
