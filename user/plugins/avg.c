/*
 * A moving average as a kernel plugin: the mean of the last 8 samples,
 * the same computation as user/ext/avg.pop (docs/plugins.md runs both).
 *   $ ext load /ext/avg.po
 *   $ ext call 0 avg 8          (result 1; then avg 16 gives 3)
 */
#include "talos/plugin.h"

static int window[8];
static struct {
	int next;      /* the slot the next sample goes to, 0..7 */
	int sum;       /* of the samples in the window */
} st;

int avg(int x)
{
	int i = st.next;
	st.sum = st.sum - window[i] + x;
	window[i] = x;
	st.next = (i + 1) % 8;
	return st.sum / 8;
}
PLUGIN_EXPORT(avg, "i");
