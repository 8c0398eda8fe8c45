/*
 * mpegenc's entropy coding: a bit buffer written MSB first, Exp-Golomb
 * codes, and the zigzag run-length coding of quantised 8x8 blocks.
 *
 * A block is coded as (run, level) pairs along the zigzag scan, each
 * ue(run) then se(level) with level != 0, and ends with ue(64) (no run
 * can be 64). vlc_decode_block reads back exactly what vlc_encode_block
 * wrote. Pure code: no system call, no floating point.
 */
#ifndef MPEGENC_VLC_H
#define MPEGENC_VLC_H

#include <stddef.h>
#include <stdint.h>

#define VLC_EOB 64                 /* the run that ends a block */

/* The zigzag scan: zigzag[k] is the row-major index of the k-th coefficient. */
extern const uint8_t vlc_zigzag[64];

/* A buffer of bits, written (or read) from the most significant bit of each byte. */
struct bitbuf {
	uint8_t *data;             /* the bytes */
	size_t size;               /* bytes available in DATA */
	size_t bits;               /* bits written (or read) so far */
	int overflow;              /* 1 once a write did not fit (the rest was dropped) */
};

/* Start BB over DATA of SIZE bytes, empty. */
void bitbuf_init(struct bitbuf *bb, uint8_t *data, size_t size);

/* Append the low N bits (0..32) of VALUE, most significant first. */
void bitbuf_put(struct bitbuf *bb, uint32_t value, int n);

/* Bytes the written bits take, the last one padded. */
size_t bitbuf_bytes(const struct bitbuf *bb);

/* Read the next N bits (0..32); past the end, reads zeros. */
uint32_t bitbuf_get(struct bitbuf *bb, int n);

/* Exp-Golomb codes: unsigned (ue) and signed (se: 0, 1, -1, 2, -2, ...). */
void vlc_put_ue(struct bitbuf *bb, uint32_t v);
void vlc_put_se(struct bitbuf *bb, int v);
uint32_t vlc_get_ue(struct bitbuf *bb);
int vlc_get_se(struct bitbuf *bb);

/* Code the quantised block LEVEL (row-major) in zigzag order, ending with EOB. */
void vlc_encode_block(struct bitbuf *bb, const int level[64]);

/*
 * Read one block coded by vlc_encode_block into LEVEL (row-major).
 * Returns 0, or -1 for a malformed block (runs past the 64th coefficient).
 */
int vlc_decode_block(struct bitbuf *bb, int level[64]);

#endif /* MPEGENC_VLC_H */
