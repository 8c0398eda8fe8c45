/*
 * mpegenc's encoder: synthetic frames coded as an MPEG-like stream in
 * groups of pictures with the pattern IBBBBPBBBB.
 *
 * I frames are intra-coded (DCT, quantisation, zigzag run-length coding of
 * every block). P frames predict each 16x16 macroblock from the last
 * reference (I or P) by motion search and code the residual. B frames
 * predict from the two neighbouring references, forward, backward or
 * their average, whichever matches best, and code the residual. Frames
 * are coded in coding order (a B frame after both its references), and I
 * and P frames are reconstructed as a decoder would, to serve as
 * references. Pure code: no system call, no floating point.
 */
#ifndef MPEGENC_ENCODE_H
#define MPEGENC_ENCODE_H

#include <stddef.h>
#include <stdint.h>
#include "dct.h"
#include "frame.h"
#include "vlc.h"

#define ENC_PATTERN     10            /* IBBBBPBBBB: an I every 10 frames, a P halfway */
#define ENC_OUT_MAX     (64 * 1024)   /* bytes of bitstream one frame may take */
#define ENC_QSCALE_I    8             /* quantiser scale of each frame type (1..31) */
#define ENC_QSCALE_P    10
#define ENC_QSCALE_B    12
#define ENC_RANGE_P     8             /* motion search range, pixels */
#define ENC_RANGE_B     6

enum enc_type { ENC_I, ENC_P, ENC_B };

/* The encoder's state: about 210 KB, so keep it static, not on the stack. */
struct encoder {
	struct frame_rgb rgb;         /* the frame being coded, as synthesised */
	struct frame_yuv cur;         /* it in YCbCr */
	struct frame_yuv ref[2];      /* reconstructed references */
	int future;                   /* index in REF of the latest reference; the other is the one before */
	unsigned coded;               /* frames coded so far */
	struct quantiser quant[3];    /* by enum enc_type: intra for I, residual for P and B */
	uint8_t out[ENC_OUT_MAX];     /* the last frame's bitstream */
	struct bitbuf bb;             /* writing OUT */
};

/*
 * The display number and type of the K-th frame in coding order: 0 (I),
 * then for each run of ten frames from S: S+5 (P), S+1..S+4 (B),
 * S+10 (I), S+6..S+9 (B).
 */
unsigned enc_order(unsigned k, enum enc_type *type);

/* Start E with no frame coded. */
void enc_init(struct encoder *e);

/*
 * Synthesise and code the next frame in coding order. Returns the bytes of
 * its bitstream (in E->out); its type in *TYPE if TYPE is not NULL.
 */
size_t enc_next(struct encoder *e, enum enc_type *type);

#endif /* MPEGENC_ENCODE_H */
