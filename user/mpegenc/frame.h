/*
 * mpegenc's frames: synthetic 160x120 24-bit RGB pictures and their
 * YCbCr 4:2:0 form, which the encoder works on.
 *
 * Frame N is a function of N alone: three colour gradients drifting one
 * pixel per frame and a 32x32 square bouncing diagonally, so consecutive
 * frames differ by motion that the motion search can find. The YCbCr
 * planes are padded to whole macroblocks (luma 160x128, chroma 80x64) by
 * repeating the last picture row. Pure code: no system call, no floating
 * point (the host tests build it too).
 */
#ifndef MPEGENC_FRAME_H
#define MPEGENC_FRAME_H

#include <stdint.h>

#define FRAME_W   160            /* picture width, pixels */
#define FRAME_H   120            /* picture height, pixels */
#define LUMA_H    128            /* luma plane height, padded to 16-row macroblocks */
#define CHROMA_W  (FRAME_W / 2)  /* 4:2:0 chroma plane width */
#define CHROMA_H  (LUMA_H / 2)   /* chroma plane height (padded) */
#define SQUARE    32             /* side of the moving square, pixels */

/* One RGB picture, 57,600 bytes: px[y][x] = { R, G, B }. */
struct frame_rgb {
	uint8_t px[FRAME_H][FRAME_W][3];
};

/* One YCbCr 4:2:0 picture, padded. */
struct frame_yuv {
	uint8_t y[LUMA_H][FRAME_W];      /* luma */
	uint8_t cb[CHROMA_H][CHROMA_W];  /* blue difference, one per 2x2 pixels */
	uint8_t cr[CHROMA_H][CHROMA_W];  /* red difference */
};

/* The top-left corner of the square in frame N (for the tests). */
void frame_square_pos(unsigned n, int *x, int *y);

/* Draw synthetic frame N into OUT. */
void frame_synth(unsigned n, struct frame_rgb *out);

/* Convert IN to YCbCr 4:2:0 (ITU-R BT.601, studio range) into OUT, padding it. */
void frame_to_yuv(const struct frame_rgb *in, struct frame_yuv *out);

#endif /* MPEGENC_FRAME_H */
