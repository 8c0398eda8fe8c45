/*
 * Diamond motion search (motion.h). Invariant: every candidate block lies
 * wholly inside the reference plane, so no sample outside it is read, and
 * no candidate is measured twice.
 */
#include "motion.h"

unsigned motion_sad16(const uint8_t *a, int astride, const uint8_t *b, int bstride,
		      unsigned limit)
{
	unsigned sad = 0;

	for (int r = 0; r < MB && sad < limit; r++, a += astride, b += bstride)
		for (int c = 0; c < MB; c++) {
			int d = a[c] - b[c];
			sad += (unsigned)(d < 0 ? -d : d);
		}
	return sad;
}

/* The search's state: the block, the best vector so far and its SAD. */
struct search {
	const struct plane *cur, *ref;
	int x, y, range;
	struct motion_vec best;
	unsigned best_sad;
	unsigned tried;
	/* Vectors tried: bit DX + MOTION_RANGE_MAX of seen[DY + MOTION_RANGE_MAX]. */
	uint32_t seen[2 * MOTION_RANGE_MAX + 1];
};

/*
 * Try vector (DX, DY) unless it is outside the window or was tried
 * before; keep it if it is better. Returns 1 if kept.
 */
static int try_vec(struct search *s, int dx, int dy)
{
	int rx = s->x + dx, ry = s->y + dy;

	if (dx < -s->range || dx > s->range || dy < -s->range || dy > s->range ||
	    rx < 0 || ry < 0 || rx + MB > s->ref->w || ry + MB > s->ref->h)
		return 0;
	uint32_t *row = &s->seen[dy + MOTION_RANGE_MAX], bit = 1u << (dx + MOTION_RANGE_MAX);
	if (*row & bit)
		return 0;
	*row |= bit;
	s->tried++;
	unsigned sad = motion_sad16(s->cur->px + s->y * s->cur->stride + s->x, s->cur->stride,
				    s->ref->px + ry * s->ref->stride + rx, s->ref->stride,
				    s->best_sad);
	if (sad >= s->best_sad)
		return 0;
	s->best_sad = sad;
	s->best.dx = dx;
	s->best.dy = dy;
	return 1;
}

static const int large[8][2] = {
	{ 0, -2 }, { 1, -1 }, { 2, 0 }, { 1, 1 }, { 0, 2 }, { -1, 1 }, { -2, 0 }, { -1, -1 },
};
static const int small[4][2] = { { 0, -1 }, { 1, 0 }, { 0, 1 }, { -1, 0 } };

struct motion_vec motion_search(const struct plane *cur, const struct plane *ref, int x, int y,
				int range, struct motion_vec pred, unsigned *sad,
				unsigned *tried)
{
	struct search s = { cur, ref, x, y, range > MOTION_RANGE_MAX ? MOTION_RANGE_MAX : range,
			    { 0, 0 }, ~0u, 0, { 0 } };

	try_vec(&s, 0, 0);
	if (pred.dx || pred.dy)
		try_vec(&s, pred.dx, pred.dy);
	/* Large diamond: move to the best point until the centre wins. */
	for (int moved = 1; moved && s.best_sad > 0;) {
		struct motion_vec c = s.best;
		moved = 0;
		for (int i = 0; i < 8; i++)
			moved |= try_vec(&s, c.dx + large[i][0], c.dy + large[i][1]);
	}
	/* Small diamond around the final centre. */
	struct motion_vec c = s.best;
	for (int i = 0; i < 4 && s.best_sad > 0; i++)
		try_vec(&s, c.dx + small[i][0], c.dy + small[i][1]);
	*sad = s.best_sad;
	if (tried)
		*tried = s.tried;
	return s.best;
}
