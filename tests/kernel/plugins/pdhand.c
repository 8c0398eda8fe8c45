/*
 * Test plugin: tests/kernel/ext/dhand.pop as a kernel plugin (a Dionisys
 * handler): doubles each event's value into adjust, counts events in seen.
 */
#include "talos/plugin.h"

PLUGIN_NAME(adjust, "adjust");
PLUGIN_NAME(seen, "seen");

int handle(int e)
{
	set_attribute(adjust, e * 2);
	set_attribute(seen, get_attribute(seen) + 1);
	return 0;
}
PLUGIN_EXPORT(handle, "i");
