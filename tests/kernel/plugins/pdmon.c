/*
 * Test plugin: tests/kernel/ext/dmon.pop as a kernel plugin (a Dionisys
 * monitor): raises Error with target - actual.
 */
#include "talos/plugin.h"

PLUGIN_NAME(actual, "actual");
PLUGIN_NAME(target, "target");
PLUGIN_NAME(error, "Error");

int monitor(void)
{
	int a = get_attribute(actual);
	int t = get_attribute(target);
	raise_event(error, t - a);
	return 0;
}
PLUGIN_EXPORT(monitor, "");
