/*
 * The frame encoder (encode.h). A macroblock is four 8x8 luma blocks and
 * one each of Cb and Cr; every block goes through dct.c and vlc.c.
 * Invariant: REF[future] is always the latest reconstructed I or P frame,
 * REF[!future] the one before it.
 */
#include "dct.h"
#include "encode.h"
#include "motion.h"

#define MBS_X (FRAME_W / MB)        /* macroblocks per row */
#define MBS_Y (LUMA_H / MB)         /* macroblock rows */

/* A macroblock's prediction, or its samples. */
struct mb {
	uint8_t y[MB][MB];
	uint8_t cb[MB / 2][MB / 2];
	uint8_t cr[MB / 2][MB / 2];
};

unsigned enc_order(unsigned k, enum enc_type *type)
{
	if (k == 0) {
		*type = ENC_I;
		return 0;
	}
	unsigned s = (k - 1) / ENC_PATTERN * ENC_PATTERN, j = (k - 1) % ENC_PATTERN;
	if (j == 0) {
		*type = ENC_P;
		return s + ENC_PATTERN / 2;
	}
	if (j == ENC_PATTERN / 2) {
		*type = ENC_I;
		return s + ENC_PATTERN;
	}
	*type = ENC_B;
	return s + j;
}

void enc_init(struct encoder *e)
{
	e->future = 0;
	e->coded = 0;
	dct_quantiser_init(&e->quant[ENC_I], dct_intra_matrix, ENC_QSCALE_I, 1);
	dct_quantiser_init(&e->quant[ENC_P], dct_inter_matrix, ENC_QSCALE_P, 0);
	dct_quantiser_init(&e->quant[ENC_B], dct_inter_matrix, ENC_QSCALE_B, 0);
}

static uint8_t clamp255(int v)
{
	return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/*
 * Code one 8x8 block: the samples at SRC (rows STRIDE apart) minus the
 * prediction at PRED (rows PSTRIDE apart; NULL for an intra block, which
 * is predicted by 128). An inter block is preceded by one bit, 0 when all
 * its levels are zero (then nothing else is coded). If RECON is not NULL,
 * the decoded block (prediction plus dequantised residual) is stored there,
 * rows STRIDE apart.
 */
static void code_block(struct bitbuf *bb, const uint8_t *src, int stride, const uint8_t *pred,
		       int pstride, uint8_t *recon, const struct quantiser *q)
{
	int in[64], coef[64], level[64];
	int intra = pred == NULL;

	for (int r = 0; r < 8; r++)
		for (int c = 0; c < 8; c++)
			in[r * 8 + c] = src[r * stride + c] - (intra ? 128 : pred[r * pstride + c]);
	dct_forward(in, coef);
	int nonzero = dct_quantise(q, coef, level);
	if (!intra)
		bitbuf_put(bb, nonzero != 0, 1);
	if (intra || nonzero)
		vlc_encode_block(bb, level);
	if (!recon)
		return;
	if (nonzero) {
		dct_dequantise(q, level, coef);
		dct_inverse(coef, in);
	} else {
		for (int i = 0; i < 64; i++)
			in[i] = 0;
	}
	for (int r = 0; r < 8; r++)
		for (int c = 0; c < 8; c++)
			recon[r * stride + c] =
				clamp255(in[r * 8 + c] + (intra ? 128 : pred[r * pstride + c]));
}

/*
 * Code macroblock (MX, MY) of E->cur against prediction P (NULL: intra)
 * with quantiser Q, reconstructing it into REC when REC is not NULL.
 */
static void code_mb(struct encoder *e, int mx, int my, const struct mb *p,
		   struct frame_yuv *rec, const struct quantiser *q)
{
	int x = mx * MB, y = my * MB, cx = x / 2, cy = y / 2;

	for (int b = 0; b < 4; b++) {
		int bx = x + (b & 1) * 8, by = y + (b >> 1) * 8;
		code_block(&e->bb, &e->cur.y[by][bx], FRAME_W,
			   p ? &p->y[(b >> 1) * 8][(b & 1) * 8] : NULL, MB,
			   rec ? &rec->y[by][bx] : NULL, q);
	}
	code_block(&e->bb, &e->cur.cb[cy][cx], CHROMA_W, p ? &p->cb[0][0] : NULL, MB / 2,
		   rec ? &rec->cb[cy][cx] : NULL, q);
	code_block(&e->bb, &e->cur.cr[cy][cx], CHROMA_W, p ? &p->cr[0][0] : NULL, MB / 2,
		   rec ? &rec->cr[cy][cx] : NULL, q);
}

/* The prediction of macroblock (X, Y) (luma pixels) from REF moved by V. */
static void predict(struct mb *p, const struct frame_yuv *ref, int x, int y, struct motion_vec v)
{
	int cx = x / 2 + v.dx / 2, cy = y / 2 + v.dy / 2;

	for (int r = 0; r < MB; r++)
		for (int c = 0; c < MB; c++)
			p->y[r][c] = ref->y[y + v.dy + r][x + v.dx + c];
	for (int r = 0; r < MB / 2; r++)
		for (int c = 0; c < MB / 2; c++) {
			p->cb[r][c] = ref->cb[cy + r][cx + c];
			p->cr[r][c] = ref->cr[cy + r][cx + c];
		}
}

/* The luma plane of F, for motion search. */
static struct plane luma_plane(const struct frame_yuv *f)
{
	struct plane pl = { &f->y[0][0], FRAME_W, LUMA_H, FRAME_W };
	return pl;
}

/* A P frame: each macroblock from the latest reference; REC gets the reconstruction. */
static void code_p(struct encoder *e, struct frame_yuv *rec)
{
	const struct frame_yuv *ref = &e->ref[e->future];
	struct plane cur = luma_plane(&e->cur), rp = luma_plane(ref);
	struct motion_vec v = { 0, 0 };      /* the previous macroblock's, to start from */
	struct mb p;
	unsigned sad;

	for (int my = 0; my < MBS_Y; my++)
		for (int mx = 0; mx < MBS_X; mx++) {
			v = motion_search(&cur, &rp, mx * MB, my * MB, ENC_RANGE_P, v, &sad, NULL);
			vlc_put_se(&e->bb, v.dx);
			vlc_put_se(&e->bb, v.dy);
			predict(&p, ref, mx * MB, my * MB, v);
			code_mb(e, mx, my, &p, rec, &e->quant[ENC_P]);
		}
}

/* The average of two predictions, rounded, into A. */
static void average(struct mb *a, const struct mb *b)
{
	uint8_t *x = &a->y[0][0];
	const uint8_t *y = &b->y[0][0];

	for (unsigned i = 0; i < sizeof(*a); i++)
		x[i] = (uint8_t)((x[i] + y[i] + 1) / 2);
}

/* A B frame: each macroblock from the past, the future reference or both; no reconstruction. */
static void code_b(struct encoder *e)
{
	const struct frame_yuv *past = &e->ref[!e->future], *fut = &e->ref[e->future];
	struct plane cur = luma_plane(&e->cur), pp = luma_plane(past), fp = luma_plane(fut);
	struct motion_vec vf = { 0, 0 }, vb = { 0, 0 };   /* the previous macroblock's */
	struct mb pf, pb;
	unsigned sf, sb;

	for (int my = 0; my < MBS_Y; my++)
		for (int mx = 0; mx < MBS_X; mx++) {
			int x = mx * MB, y = my * MB;
			vf = motion_search(&cur, &pp, x, y, ENC_RANGE_B, vf, &sf, NULL);
			vb = motion_search(&cur, &fp, x, y, ENC_RANGE_B, vb, &sb, NULL);
			predict(&pf, past, x, y, vf);
			predict(&pb, fut, x, y, vb);
			struct mb avg = pf;
			average(&avg, &pb);
			unsigned sa = motion_sad16(&e->cur.y[y][x], FRAME_W, &avg.y[0][0], MB, ~0u);
			/* Mode 0 forward, 1 backward, 2 both: ue(mode), then the vectors it uses. */
			if (sa <= sf && sa <= sb) {
				vlc_put_ue(&e->bb, 2);
				vlc_put_se(&e->bb, vf.dx);
				vlc_put_se(&e->bb, vf.dy);
				vlc_put_se(&e->bb, vb.dx);
				vlc_put_se(&e->bb, vb.dy);
				code_mb(e, mx, my, &avg, NULL, &e->quant[ENC_B]);
			} else if (sf <= sb) {
				vlc_put_ue(&e->bb, 0);
				vlc_put_se(&e->bb, vf.dx);
				vlc_put_se(&e->bb, vf.dy);
				code_mb(e, mx, my, &pf, NULL, &e->quant[ENC_B]);
			} else {
				vlc_put_ue(&e->bb, 1);
				vlc_put_se(&e->bb, vb.dx);
				vlc_put_se(&e->bb, vb.dy);
				code_mb(e, mx, my, &pb, NULL, &e->quant[ENC_B]);
			}
		}
}

size_t enc_next(struct encoder *e, enum enc_type *type)
{
	enum enc_type t;
	unsigned n = enc_order(e->coded++, &t);

	frame_synth(n, &e->rgb);
	frame_to_yuv(&e->rgb, &e->cur);
	bitbuf_init(&e->bb, e->out, sizeof(e->out));
	/* Picture header: the frame number and type. */
	bitbuf_put(&e->bb, n, 32);
	bitbuf_put(&e->bb, (uint32_t)t, 2);
	if (t == ENC_B) {
		code_b(e);
	} else {
		/* A reference: reconstruct it over the older reference, then make it the latest. */
		struct frame_yuv *rec = &e->ref[!e->future];
		if (t == ENC_I)
			for (int my = 0; my < MBS_Y; my++)
				for (int mx = 0; mx < MBS_X; mx++)
					code_mb(e, mx, my, NULL, rec, &e->quant[ENC_I]);
		else
			code_p(e, rec);
		e->future = !e->future;
	}
	if (type)
		*type = t;
	return bitbuf_bytes(&e->bb);
}
