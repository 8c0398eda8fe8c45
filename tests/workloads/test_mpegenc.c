/*
 * Host tests of mpegenc's pure code: the fixed-point DCT against its
 * definition, quantisation, Exp-Golomb and run-length coding, the diamond
 * motion search, frame synthesis and the encoder's coding order. (The
 * host may use floating point; the code under test never does.)
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "dct.h"
#include "encode.h"
#include "frame.h"
#include "motion.h"
#include "vlc.h"

/* A small deterministic PRNG for test data. */
static uint32_t seed = 12345;
static int rnd(int lo, int hi)
{
	seed = seed * 1103515245u + 12345u;
	return lo + (int)((seed >> 8) % (uint32_t)(hi - lo + 1));
}

void test_dct_constant_block_has_only_dc(void)
{
	static const int values[] = { -128, -37, -1, 0, 1, 64, 127, 255, -255 };
	int in[64], out[64];

	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		for (int i = 0; i < 64; i++)
			in[i] = values[v];
		dct_forward(in, out);
		CHECK(abs(out[0] - 8 * values[v]) <= 1);     /* the basis is rounded */
		for (int i = 1; i < 64; i++)
			CHECK_INT(out[i], 0);
	}
}

void test_dct_matches_the_definition(void)
{
	int in[64], out[64];

	for (int trial = 0; trial < 200; trial++) {
		for (int i = 0; i < 64; i++)
			in[i] = rnd(-255, 255);
		dct_forward(in, out);
		for (int u = 0; u < 8; u++)
			for (int v = 0; v < 8; v++) {
				double s = 0, cu = u ? 0.5 : sqrt(0.125), cv = v ? 0.5 : sqrt(0.125);
				for (int x = 0; x < 8; x++)
					for (int y = 0; y < 8; y++)
						s += in[x * 8 + y] * cos((2 * x + 1) * u * M_PI / 16) *
						     cos((2 * y + 1) * v * M_PI / 16);
				CHECK(fabs(cu * cv * s - out[u * 8 + v]) <= 2.0);
			}
	}
}

void test_dct_inverse_gives_the_block_back(void)
{
	int in[64], coef[64], back[64], worst = 0;

	for (int trial = 0; trial < 1000; trial++) {
		int smooth = trial & 1;      /* half of them image-like, half noise */
		for (int i = 0; i < 64; i++)
			in[i] = smooth ? (i / 8) * 9 + (i % 8) * 5 - 60 : rnd(-255, 255);
		dct_forward(in, coef);
		dct_inverse(coef, back);
		for (int i = 0; i < 64; i++) {
			int d = abs(back[i] - in[i]);
			worst = d > worst ? d : worst;
		}
	}
	CHECK(worst <= 2);
}

void test_quantise_dequantise_within_half_a_step(void)
{
	int coef[64], level[64], back[64];
	struct quantiser qi, qp;

	for (int trial = 0; trial < 200; trial++) {
		int qscale = rnd(1, 31);
		dct_quantiser_init(&qi, dct_intra_matrix, qscale, 1);
		dct_quantiser_init(&qp, dct_inter_matrix, qscale, 0);
		CHECK_INT(qi.step[0], 8);
		CHECK_INT(qp.step[0], 2 * qscale);
		for (int i = 0; i < 64; i++)
			coef[i] = rnd(-2040, 2040);
		dct_quantise(&qi, coef, level);
		dct_dequantise(&qi, level, back);
		for (int i = 0; i < 64; i++)
			if (abs(back[i]) < DCT_COEF_MAX)
				CHECK(abs(back[i] - coef[i]) <= qi.step[i] / 2);
		/* Residuals: a dead zone, never rounding away from zero. */
		int n = dct_quantise(&qp, coef, level), nz = 0;
		for (int i = 0; i < 64; i++) {
			nz += level[i] != 0;
			CHECK(abs(level[i]) * qp.step[i] <= abs(coef[i]));
		}
		CHECK_INT(n, nz);
	}
}

void test_exp_golomb_round_trip(void)
{
	static uint8_t buf[4096];
	static const int sv[] = { 0, 1, -1, 2, -2, 63, -64, 1000, -2047, 2047, 65535 };
	struct bitbuf bb;

	bitbuf_init(&bb, buf, sizeof(buf));
	for (uint32_t u = 0; u < 300; u++)
		vlc_put_ue(&bb, u);
	for (size_t i = 0; i < sizeof(sv) / sizeof(sv[0]); i++)
		vlc_put_se(&bb, sv[i]);
	CHECK(!bb.overflow);
	size_t bytes = bitbuf_bytes(&bb);
	bitbuf_init(&bb, buf, bytes);
	for (uint32_t u = 0; u < 300; u++)
		CHECK_INT(vlc_get_ue(&bb), u);
	for (size_t i = 0; i < sizeof(sv) / sizeof(sv[0]); i++)
		CHECK_INT(vlc_get_se(&bb), sv[i]);
	/* ue(0) is one bit, ue(1) three, ue(64) thirteen. */
	bitbuf_init(&bb, buf, sizeof(buf));
	vlc_put_ue(&bb, 0);
	CHECK_INT(bb.bits, 1);
	vlc_put_ue(&bb, 1);
	CHECK_INT(bb.bits, 4);
	vlc_put_ue(&bb, 64);
	CHECK_INT(bb.bits, 17);
}

void test_rle_block_round_trip(void)
{
	static uint8_t buf[64 * 1024];
	static int blocks[300][64];
	int back[64];
	struct bitbuf bb;

	memset(blocks, 0, sizeof(blocks));
	for (int b = 0; b < 300; b++) {
		if (b == 0)
			continue;                          /* all zero */
		else if (b == 1)
			blocks[b][63] = -5;                /* only the last coefficient */
		else if (b == 2)
			for (int i = 0; i < 64; i++)
				blocks[b][i] = i - 32 ? i - 32 : 7;  /* all nonzero */
		else
			for (int i = 0; i < 64; i++)
				blocks[b][i] = rnd(0, 3) == 0 ? rnd(-300, 300) : 0;
	}
	bitbuf_init(&bb, buf, sizeof(buf));
	for (int b = 0; b < 300; b++)
		vlc_encode_block(&bb, blocks[b]);
	CHECK(!bb.overflow);
	bitbuf_init(&bb, buf, bitbuf_bytes(&bb));
	for (int b = 0; b < 300; b++) {
		CHECK_INT(vlc_decode_block(&bb, back), 0);
		CHECK(memcmp(back, blocks[b], sizeof(back)) == 0);
	}
	/* A run past the 64th coefficient is malformed. */
	bitbuf_init(&bb, buf, sizeof(buf));
	vlc_put_ue(&bb, 63);
	vlc_put_se(&bb, 1);
	vlc_put_ue(&bb, 0);
	vlc_put_se(&bb, 1);
	bitbuf_init(&bb, buf, sizeof(buf));
	CHECK_INT(vlc_decode_block(&bb, back), -1);
}

void test_zigzag_is_a_permutation(void)
{
	int seen[64] = { 0 };

	for (int k = 0; k < 64; k++)
		seen[vlc_zigzag[k]]++;
	for (int i = 0; i < 64; i++)
		CHECK_INT(seen[i], 1);
	CHECK_INT(vlc_zigzag[1], 1);
	CHECK_INT(vlc_zigzag[2], 8);
	CHECK_INT(vlc_zigzag[63], 63);
}

static const struct motion_vec zero = { 0, 0 };

/* A smooth bowl centred at (CX, CY), so the SAD surface has one minimum. */
static void bowl(uint8_t *px, int w, int h, int cx, int cy)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int d = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 16;
			px[y * w + x] = (uint8_t)(d > 255 ? 255 : d);
		}
}

void test_motion_search_finds_known_displacement(void)
{
	static uint8_t cur[LUMA_H * FRAME_W], ref[LUMA_H * FRAME_W];
	static const int shifts[][2] = { { 3, -2 }, { -5, 4 }, { 0, 0 }, { 7, 7 }, { -8, -1 } };
	struct plane pc = { cur, FRAME_W, LUMA_H, FRAME_W }, pr = { ref, FRAME_W, LUMA_H, FRAME_W };
	unsigned sad, tried;

	for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
		int dx = shifts[i][0], dy = shifts[i][1];
		/* The current picture is the reference moved by (-dx, -dy). */
		bowl(cur, FRAME_W, LUMA_H, 72, 60);
		bowl(ref, FRAME_W, LUMA_H, 72 + dx, 60 + dy);
		struct motion_vec v = motion_search(&pc, &pr, 64, 48, 8, zero, &sad, &tried);
		CHECK_INT(v.dx, dx);
		CHECK_INT(v.dy, dy);
		CHECK_INT(sad, 0);
		CHECK(tried < 17 * 17);            /* fewer candidates than a full search */
		/* Started from the right vector, it tries only the diamonds around it. */
		struct motion_vec pred = { dx, dy };
		v = motion_search(&pc, &pr, 64, 48, 8, pred, &sad, &tried);
		CHECK_INT(v.dx, dx);
		CHECK_INT(v.dy, dy);
		CHECK(tried <= 2);
	}
}

void test_motion_search_stays_in_range(void)
{
	static uint8_t cur[LUMA_H * FRAME_W], ref[LUMA_H * FRAME_W];
	struct plane pc = { cur, FRAME_W, LUMA_H, FRAME_W }, pr = { ref, FRAME_W, LUMA_H, FRAME_W };
	unsigned sad;

	/* The true motion (12, 0) is out of range 4: the vector stops at the window. */
	bowl(cur, FRAME_W, LUMA_H, 72, 60);
	bowl(ref, FRAME_W, LUMA_H, 84, 60);
	struct motion_vec v = motion_search(&pc, &pr, 64, 48, 4, zero, &sad, NULL);
	CHECK(v.dx >= -4 && v.dx <= 4 && v.dy >= -4 && v.dy <= 4);
	CHECK_INT(v.dx, 4);
	/* At the corner, no vector reaches outside the plane. */
	v = motion_search(&pc, &pr, 0, 0, 8, zero, &sad, NULL);
	CHECK(v.dx >= 0 && v.dy >= 0);
	v = motion_search(&pc, &pr, FRAME_W - MB, LUMA_H - MB, 8, zero, &sad, NULL);
	CHECK(v.dx <= 0 && v.dy <= 0);
}

void test_frame_size_colours_and_moving_square(void)
{
	static struct frame_rgb rgb;
	static struct frame_yuv yuv;
	int x0, y0, x1, y1;

	CHECK_INT(sizeof(rgb), 160 * 120 * 3);
	frame_square_pos(10, &x0, &y0);
	frame_square_pos(11, &x1, &y1);
	CHECK_INT(x1 - x0, 1);
	CHECK_INT(y1 - y0, 1);
	/* The square stays inside the picture while it bounces. */
	for (unsigned n = 0; n < 1000; n++) {
		frame_square_pos(n, &x0, &y0);
		CHECK(x0 >= 0 && y0 >= 0 && x0 + SQUARE <= FRAME_W && y0 + SQUARE <= FRAME_H);
	}
	/* Black and white give studio-range luma and neutral chroma. */
	memset(&rgb, 0, sizeof(rgb));
	frame_to_yuv(&rgb, &yuv);
	CHECK_INT(yuv.y[0][0], 16);
	CHECK_INT(yuv.y[LUMA_H - 1][FRAME_W - 1], 16);
	CHECK_INT(yuv.cb[5][5], 128);
	CHECK_INT(yuv.cr[5][5], 128);
	memset(&rgb, 255, sizeof(rgb));
	frame_to_yuv(&rgb, &yuv);
	CHECK_INT(yuv.y[7][9], 235);
	CHECK_INT(yuv.cb[CHROMA_H - 1][0], 128);
	/* Consecutive frames differ; the same frame is drawn the same. */
	static struct frame_rgb a, b;
	frame_synth(3, &a);
	frame_synth(4, &b);
	CHECK(memcmp(&a, &b, sizeof(a)) != 0);
	frame_synth(3, &b);
	CHECK(memcmp(&a, &b, sizeof(a)) == 0);
}

void test_gop_coding_order(void)
{
	int seen[41] = { 0 };
	enum enc_type t;

	/* 0, then P 5, B 1-4, I 10, B 6-9, P 15, ... */
	CHECK_INT(enc_order(0, &t), 0);
	CHECK_INT(t, ENC_I);
	CHECK_INT(enc_order(1, &t), 5);
	CHECK_INT(t, ENC_P);
	CHECK_INT(enc_order(2, &t), 1);
	CHECK_INT(t, ENC_B);
	CHECK_INT(enc_order(6, &t), 10);
	CHECK_INT(t, ENC_I);
	CHECK_INT(enc_order(7, &t), 6);
	CHECK_INT(t, ENC_B);
	for (unsigned k = 0; k <= 40; k++) {
		unsigned n = enc_order(k, &t);
		CHECK(n <= 40);
		if (n > 40)
			continue;
		seen[n]++;
		CHECK_INT(t, n % 10 == 0 ? ENC_I : n % 10 == 5 ? ENC_P : ENC_B);
		/* A B frame comes after both of its references. */
		if (t == ENC_B)
			CHECK(seen[n / 5 * 5] && seen[n / 5 * 5 + 5]);
	}
	for (unsigned n = 0; n <= 40; n++)
		CHECK_INT(seen[n], 1);
}

void test_encoder_frame_sizes_by_type(void)
{
	static struct encoder e;
	size_t sum[3] = { 0, 0, 0 }, count[3] = { 0, 0, 0 };
	enum enc_type t;

	enc_init(&e);
	for (int k = 0; k < 31; k++) {
		size_t bytes = enc_next(&e, &t);
		CHECK(!e.bb.overflow);
		CHECK(bytes > 100 && bytes < ENC_OUT_MAX);
		sum[t] += bytes;
		count[t]++;
	}
	CHECK_INT(count[ENC_I], 4);
	CHECK_INT(count[ENC_P], 3);
	CHECK_INT(count[ENC_B], 24);
	/* Prediction pays: an I frame costs more than a P, a P more than a B. */
	CHECK(sum[ENC_I] / count[ENC_I] > sum[ENC_P] / count[ENC_P]);
	CHECK(sum[ENC_P] / count[ENC_P] > sum[ENC_B] / count[ENC_B]);
}
