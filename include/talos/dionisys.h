/*
 * The Dionisys ABI, shared by the kernel (ext/dion*), libc (dionisys.h)
 * and tools: limits, rights, object kinds, and the structs of the
 * dion_* system calls (numbers and contracts in talos/syscall.h).
 *
 * An application is named by a class descriptor (cd) from dion_init_app.
 * It owns one attribute class per service manager it joins, and monitors,
 * handlers and event channels in service managers. Names of service
 * managers are unique on the host; monitor and handler names are unique
 * within their service manager. Everything an application owns is destroyed
 * when the process that called dion_init_app exits.
 */
#ifndef TALOS_DIONISYS_H
#define TALOS_DIONISYS_H

#include "talos/syscall.h"

#define DION_NAME_MAX   32    /* names of attributes, SMs, monitors, handlers, NUL included */
#define DION_ATTRS_MAX  16    /* attributes in one class */
#define DION_MSG_MAX    160   /* bytes of a loader message returned by dion_create */

/* Object kinds, as dion_create, dion_destroy and dion_list name them. */
#define DION_SM       1       /* service manager */
#define DION_MONITOR  2       /* monitor: an extension run every period for an application */
#define DION_HANDLER  3       /* handler: an extension run for each event delivered to it */
#define DION_CHANNEL  4       /* event channel: a monitor's events to its subscribed handlers */
#define DION_CLASS    5       /* attribute class of an application in a service manager */
#define DION_APP      6       /* a class descriptor and its owner */

/*
 * Rights on one attribute. The owner is the process that called
 * dion_init_app; extensions are the application's monitors and handlers;
 * others are processes the owner granted access with dion_grant. The
 * service manager's guard always sees every attribute.
 */
#define DION_R_OWNER_READ   0x01u
#define DION_R_OWNER_WRITE  0x02u
#define DION_R_EXT_READ     0x04u
#define DION_R_EXT_WRITE    0x08u
#define DION_R_OTHER_READ   0x10u
#define DION_R_OTHER_WRITE  0x20u
#define DION_R_ALL          0x3Fu
#define DION_R_HIDDEN       0x80u     /* dion_attr_list: the caller may not read the value (0) */

/* One attribute of a class, as dion_attrclass creates it. */
struct dion_attr_def {
	char name[DION_NAME_MAX];
	int value;                    /* initial value */
	unsigned rights;              /* DION_R_* */
};

/* What dion_create builds (KIND says which fields it reads). */
struct dion_create {
	int kind;                     /* DION_SM, DION_MONITOR, DION_HANDLER or DION_CHANNEL */
	int cd;                       /* the application that will own it (the caller's) */
	char sm[DION_NAME_MAX];       /* SM: its name. Monitor, handler: the SM to join
					 ("": the SM of the application's attribute class) */
	char name[DION_NAME_MAX];     /* monitor / handler name; channel: the monitor */
	char handler[DION_NAME_MAX];  /* channel: the handler to subscribe ("SM/name" crosses SMs) */
	int period;                   /* SM, monitor: ticks between runs */
	char path[PATH_MAX_LEN];      /* SM, monitor, handler: the extension object; it must
					 export service(), monitor() or monitor(task), or
					 handle(int value), each returning int */
	char msg[DION_MSG_MAX];       /* out: the verifier's or linker's one-line reason */
};

/* Statistics of one object (dion_list). */
struct dion_stat {
	unsigned runs;                /* extension runs (monitor, handler, SM service) */
	unsigned ticks;               /* CPU ticks those runs took, charged to the application */
	unsigned aborts;              /* runs that overran, faulted or raised */
	unsigned events;              /* channel: events queued; handler: events handled */
	unsigned dropped;             /* channel: events refused because its queue was full */
	unsigned pending;             /* channel: events waiting now */
};

/* One entry of the nameserver's listing (dion_list). */
struct dion_info {
	int kind;                     /* DION_* */
	int cd;                       /* owning application, 0 for kernel SMs */
	int owner;                    /* pid of the owner, 0 for the kernel */
	int period;                   /* SM, monitor: ticks; class: the request period attribute */
	int id;                       /* channel id; otherwise 0 */
	char name[DION_NAME_MAX];     /* the object's name (channel: its monitor) */
	char sm[DION_NAME_MAX];       /* the service manager it belongs to */
	char detail[64];              /* channel: its handlers in order; SM: "kernel" or the object */
	struct dion_stat stat;
};

/* One attribute of a class (dion_attr_list). */
struct dion_attr_info {
	char name[DION_NAME_MAX];
	int value;
	unsigned rights;
};

#endif /* TALOS_DIONISYS_H */
