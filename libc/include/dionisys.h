/*
 * <dionisys.h>: the Dionisys QoS API of TalOS user programs.
 *
 * An application asks the kernel for a class descriptor (DinitApp), joins
 * a service manager (SM) with an attribute class of named integer
 * attributes (DCreateAttrClass), downloads verified extensions as a
 * monitor (run every period ticks) and handlers (run for each event
 * delivered to them), and connects them with an event channel
 * (DCreateEventChannel). The names and meanings are those of the Dionisys
 * API of the SafeX paper (West and Gloudon, ECRTS 2002, Figure 2), with
 * the differences said at each function. docs/dionisys.md has a worked
 * example; the structs, limits and rights come from the shared ABI header
 * <talos/dionisys.h>, the system call contracts from <talos/syscall.h>.
 *
 * Invariant, as in the rest of libc: a call that fails returns -1 with
 * errno set (EPERM, ENOENT, EEXIST, EACCES, EINVAL, ERANGE, EFAULT,
 * ENAMETOOLONG, EREJECT, ELINK, ...) and leaves errno alone on success;
 * the paper's positive codes (1: no such SM, 2: no such monitor) are
 * results, not errors, and leave errno alone too.
 */
#ifndef _DIONISYS_H
#define _DIONISYS_H

#include <stddef.h>
#include <talos/dionisys.h>

/* A class descriptor: names one application of the calling process. */
typedef int DClass_Descr_t;

/* One attribute of an attribute class: its name, initial value and DION_R_* rights. */
typedef struct dion_attr_def DAttr_t;

/* ---- The paper's API ---- */

/*
 * A new application owned by the calling process. Returns its class
 * descriptor (> 0), or -1 (ENOSPC when the kernel's table is full).
 * Everything the application comes to own is destroyed when the process
 * exits.
 */
DClass_Descr_t DinitApp(void);

/*
 * Give application CD its attribute class in the SM named SM_NAME: NATTRS
 * attributes (0..DION_ATTRS_MAX) from ATTRS, each with its initial value
 * and rights. The paper passes one pointer to an attribute class; TalOS
 * passes an array of attribute definitions and its length. Returns 0, or
 * -1 with errno: ENOENT (no such SM or application), EPERM (CD is not the
 * caller's), EEXIST (CD already has a class, or two attributes share a
 * name), EINVAL (NATTRS out of range, an empty name, an unknown right),
 * ENAMETOOLONG (SM_NAME of DION_NAME_MAX characters or more), EFAULT, or
 * what the SM refuses: the CPU SM answers EINVAL for a request without
 * target_cpu and period or with 0 < min <= target <= max <= period
 * broken, and EBUSY when the targets of all its applications would exceed
 * what it admits.
 */
int DCreateAttrClass(DClass_Descr_t cd, const char *sm_name, const DAttr_t *attrs, int nattrs);

/*
 * Create a service manager named SM_NAME that runs the "service" export
 * of the extension object SRC_FILE every PERIOD ticks. The paper names no
 * owner; TalOS SMs belong to an application, so the first DCreateSM of a
 * process makes one for its SMs (DSMOwner gives its class descriptor, to
 * destroy an SM with DDestroy), and they go when the process exits.
 * Returns 0, or -1 with errno: EEXIST (the name is taken), EINVAL (PERIOD
 * out of range), ENOENT (no such file), EREJECT or ELINK (the verifier or
 * the linker refused the object: DLastMessage says why), ENOSPC.
 */
int DCreateSM(const char *sm_name, int period, const char *src_file);

/*
 * Create the monitor MON_NAME of application CD: the extension object
 * MON_SRC_FILE, run every PERIOD ticks in the SM of CD's attribute class.
 * Monitor names are unique within an SM, across applications. Returns 0
 * on success; 1, as in the paper, when the SM does not exist (for TalOS:
 * CD has no attribute class, so it has joined no SM; an unknown CD too);
 * else -1 with errno: ENOENT (no such file), EEXIST (the SM has a monitor
 * of that name), EPERM, EINVAL (PERIOD out of range, an empty name or one
 * with a '/'), ENAMETOOLONG, EREJECT / ELINK (DLastMessage says why).
 */
int DCreateMonitor(DClass_Descr_t cd, const char *mon_name, int period,
		   const char *mon_src_file);

/*
 * Create the handler HAND_NAME of application CD from the extension object
 * HAND_SRC_FILE, in the SM of CD's attribute class. Returns 0, 1 when the
 * SM does not exist (as for DCreateMonitor), or -1 with errno as for
 * DCreateMonitor.
 */
int DCreateHandler(DClass_Descr_t cd, const char *hand_name, const char *hand_src_file);

/*
 * Subscribe handler HAND_NAME to the events of monitor MON_NAME, both of
 * application CD (one of another SM is named "SM/name"). The first
 * subscription creates the monitor's channel; later ones add handlers to
 * it, which receive each event in subscription order. Returns 0; 2, as in
 * the paper, when the monitor does not exist (so also when CD has no
 * attribute class); else -1 with errno: ENOENT (no such handler), EEXIST
 * (already subscribed), EPERM, ENOSPC (the channel has no room for another
 * handler). The kernel returns the channel's id: DEventChannelId finds it.
 */
int DCreateEventChannel(DClass_Descr_t cd, const char *mon_name, const char *hand_name);

/* ---- TalOS additions ---- */

/*
 * The class descriptor of the application that owns this process's SMs
 * (DCreateSM makes it), or -1 with errno ENOENT before the first DCreateSM.
 */
DClass_Descr_t DSMOwner(void);

/*
 * The id (> 0) of the event channel of monitor MON_NAME of application CD,
 * looked up in the nameserver's listing; -1 with errno ENOENT when it has
 * none.
 */
int DEventChannelId(DClass_Descr_t cd, const char *mon_name);

/*
 * Read attribute NAME of application CD into *VALUE. Returns 0, or -1 with
 * errno: ENOENT (no such application or attribute), EACCES (the caller may
 * not read it: not the owner, and not granted, or granted without the
 * attribute's read right for others), EFAULT.
 */
int DGetAttr(DClass_Descr_t cd, const char *name, int *value);

/*
 * Write VALUE to attribute NAME of application CD. The SM's guard decides
 * what the write means (the CPU SM turns timeslice-adjustment into a CPU
 * budget). Returns 0, or -1 with errno: ENOENT, EACCES (as for DGetAttr,
 * with the write right), or what the guard refuses (the CPU SM: ERANGE
 * for a request it finds invalid, EBUSY beyond its admission, EPERM for
 * actual_cpu, which only it measures).
 */
int DSetAttr(DClass_Descr_t cd, const char *name, int value);

/*
 * Let process PID reach the attributes of application CD with RIGHTS
 * (DION_R_OTHER_READ, DION_R_OTHER_WRITE or both): each attribute's
 * "other" bits then decide what it may read and write. A new grant to the
 * same PID replaces the old one; RIGHTS 0 revokes it. A grant never
 * allows creating or destroying the application's objects. Only the
 * owner may grant. Returns 0, or -1 with errno: ENOENT (no such
 * application), EPERM (not the owner), EINVAL (a right that is not an
 * "other" right, or PID <= 0), ENOSPC (too many processes granted).
 */
int DGrant(DClass_Descr_t cd, int pid, unsigned rights);

/*
 * Destroy the object of KIND (DION_MONITOR, DION_HANDLER, DION_CHANNEL,
 * DION_SM, ...) named NAME of application CD (a channel is named by its
 * monitor). A destroyed name may be used again at once. Returns 0, or -1
 * with errno: ENOENT (nothing of that kind and name), EPERM (not the
 * owner's), EINVAL (KIND out of range).
 */
int DDestroy(int kind, DClass_Descr_t cd, const char *name);

/*
 * Fill *INFO with object INDEX (from 0) of the nameserver's listing: every
 * SM, attribute class, monitor, handler and channel on the machine (an
 * application with no class is not listed). Returns 1, 0 past the last
 * object (or for a negative INDEX), or -1 with errno EFAULT. The listing
 * may change between calls.
 */
int DList(int index, struct dion_info *info);

/*
 * Fill *INFO with attribute INDEX (from 0) of application CD's class.
 * Names and rights are public; a value the caller may not read is 0 with
 * DION_R_HIDDEN set in the rights. Returns 1, 0 past the last attribute
 * (or for a negative INDEX), or -1 with errno (ENOENT: no such application
 * or it has no class; EFAULT).
 */
int DListAttrs(DClass_Descr_t cd, int index, struct dion_attr_info *info);

/*
 * The loader's one-line message from this process's last DCreateSM,
 * DCreateMonitor, DCreateHandler or DCreateEventChannel: after EREJECT or
 * ELINK the verifier's or linker's reason (for example "E_FORBIDDEN in f
 * at +0x0: forbidden instruction: cli"), after a success what was loaded
 * ("OK NAME: N instructions, M exports"), "" when the call loaded nothing.
 * Overwritten by the next of those calls.
 */
const char *DLastMessage(void);

/*
 * Make the calling process an application of the CPU SM "cpu" asking for
 * TARGET ticks per PERIOD, at least MIN and at most MAX: an attribute
 * class (target_cpu, min_cpu, max_cpu, period, actual_cpu,
 * timeslice-adjustment), the monitor /ext/monitor.to run every 10 ticks
 * as "mon.PID", the PID handler /ext/pid.to as "pid.PID", the event
 * channel from the one to the other, and read access for the parent
 * process. Returns the class descriptor (> 0), or -1 with errno set (or
 * left alone after a paper result 1 or 2) and one line in WHY (SIZE
 * bytes) naming the step that failed and why, to print after "PROG: ".
 * On failure the objects made so far stay until the process exits.
 */
DClass_Descr_t DJoinCPU(int target, int min, int max, int period, char *why, size_t size);

/* ---- Names and rights as text (pure: no system call) ---- */

#define DION_RIGHTS_STR 9     /* bytes of dion_rights_str's text: "rw rw r-" and NUL */

/*
 * The name of object kind KIND: "sm", "monitor", "handler", "channel",
 * "class", "app"; "?" for any other number.
 */
const char *dion_kind_name(int kind);

/*
 * The kind named S, by dion_kind_name's names or their prefixes of at
 * least three letters ("mon", "hand", "chan"); -1 if none.
 */
int dion_kind_parse(const char *s);

/*
 * Write RIGHTS as three pairs, owner, extensions and others, each "r" or
 * "-" then "w" or "-", separated by spaces ("rw r- --") into BUF, which
 * holds DION_RIGHTS_STR bytes. Returns BUF.
 */
char *dion_rights_str(unsigned rights, char *buf);

/* ---- The raw system calls (contracts in <talos/syscall.h>) ---- */

int dion_init_app(void);
int dion_attrclass(int cd, const char *sm, const struct dion_attr_def *attrs, int n);
int dion_create(struct dion_create *req);    /* 0, or the channel id for DION_CHANNEL */
int dion_destroy(int kind, int cd, const char *name);
int dion_attr_get(int cd, const char *name, int *value);
int dion_attr_set(int cd, const char *name, int value);
int dion_grant(int cd, int pid, unsigned rights);
int dion_list(int index, struct dion_info *info);
int dion_attr_list(int cd, int index, struct dion_attr_info *info);

#endif /* _DIONISYS_H */
