/*
 * The kernel interfaces that extensions may import: the one list both the
 * kernel's interface table (ext/) and the Popcorn compiler (tools/popc)
 * are built from, so a call is checked against the same signature by the
 * compiler, the verifier (through the object's import declaration) and the
 * kernel's linker.
 *
 * EXT_IFACE(NAME, ARGS): NAME is the import name; every interface returns
 * int. ARGS spells the argument types, one character each:
 *
 *   i   int
 *   n   name: pointer to read-only bytes of exactly EXT_NAME_LEN bytes,
 *       NUL-padded (the compiler emits string literals passed here so)
 *   t   cap OBJ_TASK: a process the extension was given at invocation
 *
 * Each interface validates its arguments and never blocks.
 */
#ifndef TALOS_EXT_IFACE_H
#define TALOS_EXT_IFACE_H

#define EXT_NAME_LEN 32   /* bytes of a name argument, NUL padding included */

/* Exception code get_attribute raises for an attribute the extension may not read. */
#define EXT_EXC_ATTRIBUTE 0x7A771  /* "attr" */

#define EXT_IFACE_LIST(EXT_IFACE) \
	EXT_IFACE(time_ticks, "")          /* kernel ticks (ms) since boot */ \
	EXT_IFACE(trace, "i")              /* record a value in the extension's trace; returns it */ \
	EXT_IFACE(counter_get, "i")        /* the extension's counter I (0..7), or -EINVAL */ \
	EXT_IFACE(counter_set, "ii")       /* set counter I to V; 0 or -EINVAL */ \
	EXT_IFACE(task_ticks, "t")         /* CPU ticks the task consumed in total */ \
	EXT_IFACE(task_window_ticks, "t")  /* CPU ticks in its last complete window */ \
	EXT_IFACE(task_period, "t")        /* its accounting window, ticks */ \
	EXT_IFACE(raise, "i")              /* end the invocation with uncaught exception CODE */ \
	EXT_IFACE(get_attribute, "n")      /* the application's attribute (Dionisys); raises \
					      EXT_EXC_ATTRIBUTE if it may not read it */ \
	EXT_IFACE(set_attribute, "ni")     /* write it through the SM's guard; 0 or -errno */ \
	EXT_IFACE(raise_event, "ni")       /* to the monitor's channel; 0, -ENOENT, -ENOSPC */

#endif /* TALOS_EXT_IFACE_H */
