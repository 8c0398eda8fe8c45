/*
 * DJoinCPU (<dionisys.h>): make the calling process an application of the
 * CPU service manager the way qosdemo's tasks and the experiment workloads
 * do: an attribute class with the request, the monitor /ext/monitor.to,
 * the PID handler /ext/pid.to, the event channel between them, and read
 * access for the parent.
 *
 * Invariant: on failure, WHY holds one line naming the step that failed
 * and the reason, so every caller reports a failed join the same way.
 */
#include <dionisys.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <talos.h>
#include <unistd.h>

#define JOIN_MONITOR_OBJ    "/ext/monitor.to"
#define JOIN_HANDLER_OBJ    "/ext/pid.to"
#define JOIN_MONITOR_PERIOD 10               /* ticks between monitor runs */

/* Rights: the owner sets the request; extensions read everything; the SM measures. */
#define R_REQUEST  (DION_R_OWNER_READ | DION_R_OWNER_WRITE | DION_R_EXT_READ | DION_R_OTHER_READ)
#define R_MEASURED (DION_R_OWNER_READ | DION_R_EXT_READ | DION_R_OTHER_READ)
#define R_ADJUST   (DION_R_OWNER_READ | DION_R_EXT_READ | DION_R_EXT_WRITE | DION_R_OTHER_READ)

/* Write into WHY (SIZE bytes) why STEP failed with result RES; returns -1. */
static int failed(char *why, size_t size, const char *step, int res)
{
	const char *msg = DLastMessage();

	if (res == 1)
		snprintf(why, size, "%s: the service manager does not exist", step);
	else if (res == 2)
		snprintf(why, size, "%s: the monitor does not exist", step);
	else if (errno == EBUSY)
		snprintf(why, size, "%s: %s (the targets of all applications together would "
			 "exceed what the CPU SM admits)", step, strerror(errno));
	else
		snprintf(why, size, "%s: %s%s%s", step, strerror(errno), msg[0] ? ": " : "", msg);
	return -1;
}

int DJoinCPU(int target, int min, int max, int period, char *why, size_t size)
{
	char mon[DION_NAME_MAX], hand[DION_NAME_MAX];
	DAttr_t attrs[] = {
		{ "target_cpu", target, R_REQUEST },
		{ "min_cpu", min, R_REQUEST },
		{ "max_cpu", max, R_REQUEST },
		{ "period", period, R_REQUEST },
		{ "actual_cpu", 0, R_MEASURED },
		{ "timeslice-adjustment", 0, R_ADJUST },
	};
	struct procstat self;
	int res;

	snprintf(mon, sizeof(mon), "mon.%d", getpid());
	snprintf(hand, sizeof(hand), "pid.%d", getpid());
	DClass_Descr_t cd = DinitApp();
	if (cd < 0)
		return failed(why, size, "DinitApp", cd);
	if ((res = DCreateAttrClass(cd, "cpu", attrs, sizeof(attrs) / sizeof(attrs[0]))) != 0)
		return failed(why, size, "DCreateAttrClass(cpu)", res);
	if ((res = DCreateMonitor(cd, mon, JOIN_MONITOR_PERIOD, JOIN_MONITOR_OBJ)) != 0)
		return failed(why, size, "DCreateMonitor(" JOIN_MONITOR_OBJ ")", res);
	if ((res = DCreateHandler(cd, hand, JOIN_HANDLER_OBJ)) != 0)
		return failed(why, size, "DCreateHandler(" JOIN_HANDLER_OBJ ")", res);
	if ((res = DCreateEventChannel(cd, mon, hand)) != 0)
		return failed(why, size, "DCreateEventChannel", res);
	if (procstat(0, &self) != 0)
		return failed(why, size, "procstat", -1);
	if (self.ppid > 0 && DGrant(cd, self.ppid, DION_R_OTHER_READ) != 0)
		return failed(why, size, "DGrant", -1);
	return cd;
}
