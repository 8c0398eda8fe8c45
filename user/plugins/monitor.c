/*
 * The SafeX paper's monitor as a kernel plugin: the same as
 * user/ext/monitor.pop. Every period it reads the application's target
 * and actual CPU use and raises an Error event carrying the difference,
 * target - actual, for the PID handler. Called directly, outside any
 * application, get_attribute raises EXT_EXC_ATTRIBUTE (501617).
 */
#include "talos/plugin.h"

PLUGIN_NAME(actual_cpu, "actual_cpu");
PLUGIN_NAME(target_cpu, "target_cpu");
PLUGIN_NAME(error_event, "Error");

int monitor(int app)
{
	(void)app;
	int actual = get_attribute(actual_cpu);
	int target = get_attribute(target_cpu);
	int error = target - actual;
	raise_event(error_event, error);
	return error;
}
PLUGIN_EXPORT(monitor, "t");
