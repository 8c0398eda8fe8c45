/*
 * The SafeX paper's PID handler as a kernel plugin: the same computation
 * as user/ext/pid.pop. On the nth Error event, of value e[n], it computes
 *     u[n] = (Kp+Kd+Ki)*e[n] - Kd*e[n-1] + u[n-1]
 * (Kp+Kd+Ki = 1.4, Kd = 1.3, u in thousandths of a tick) and sets the
 * attribute timeslice-adjustment to u rounded to ticks. Called directly,
 * outside any application, set_attribute fails and the result is the same:
 * handle(-15) is -21, then -22.
 */
#include "talos/plugin.h"

#define SCALE 1000   /* gains are in thousandths */
#define KSUM  1400   /* Kp + Kd + Ki = 1.4 */
#define KD    1300   /* Kd = 1.3 */

PLUGIN_NAME(timeslice_adjustment, "timeslice-adjustment");

static struct {
	int e_prev;    /* e[n-1], ticks */
	int u_prev;    /* u[n-1], thousandths of a tick */
} st;

int handle(int e)
{
	int u = KSUM * e - KD * st.e_prev + st.u_prev;
	st.e_prev = e;
	st.u_prev = u;
	set_attribute(timeslice_adjustment, u / SCALE);
	return u / SCALE;
}
PLUGIN_EXPORT(handle, "i");
