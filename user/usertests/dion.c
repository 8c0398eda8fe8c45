/*
 * usertests: the Dionisys system calls (dion_*, numbers 35..43) and the
 * libc API over them (<dionisys.h>): applications, attribute classes in
 * the kernel's CPU service manager "cpu", monitors, handlers and event
 * channels made from extension objects, attribute rights and grants, the
 * nameserver's listing, and what the kernel must refuse: bad pointers,
 * unknown and duplicate names, kinds out of range, rejected objects, and
 * another process's application.
 *
 * The objects are /ext/monitor.to (a monitor: monitor()) and /ext/pid.to
 * (a handler: handle(int)), compiled from user/ext/, and the kernel
 * tests' forbidden (rejected: cli) and badlink (an unknown import).
 * Joining "cpu" puts the test process under a CPU budget of its target, so
 * the class every test makes asks for a generous 40 ticks per 100.
 * Invariant: every application a test makes belongs to its own process (or
 * a tracked helper), so the kernel destroys it when the test ends and the
 * next test finds the SM as it was.
 */
#include <dionisys.h>
#include "ut.h"

#define MON_OBJ   "/ext/monitor.to"
#define HAND_OBJ  "/ext/pid.to"
#define FORBIDDEN "/ext/test/forbidden.to"
#define BADLINK   "/ext/test/badlink.to"
#define BASIC     "/ext/test/basic.to"

/* Rights of the test class's attributes. */
#define R_OWNER   (DION_R_OWNER_READ | DION_R_OWNER_WRITE)
#define R_REQUEST (R_OWNER | DION_R_EXT_READ | DION_R_OTHER_READ)
#define R_SHARED  (R_OWNER | DION_R_EXT_READ | DION_R_OTHER_READ | DION_R_OTHER_WRITE)

/* The CPU SM's attributes, as the tests ask for them; "note" is free for others to write. */
static const DAttr_t cpu_attrs[] = {
	{ "target_cpu", 40, R_REQUEST },
	{ "min_cpu", 0, R_REQUEST },
	{ "max_cpu", 100, R_REQUEST },
	{ "period", 100, R_REQUEST },
	{ "actual_cpu", 0, DION_R_OWNER_READ | DION_R_EXT_READ | DION_R_OTHER_READ },
	{ "timeslice-adjustment", 0, DION_R_OWNER_READ | DION_R_EXT_READ | DION_R_EXT_WRITE },
	{ "note", 7, R_SHARED },
};
#define NATTRS ((int)(sizeof(cpu_attrs) / sizeof(cpu_attrs[0])))

#define W(p) ((uint32_t)(uintptr_t)(p))

/* A new application with the test class in "cpu"; fails the test otherwise. */
static int app_with_class(void)
{
	int cd = (int)CHECK_OK(DinitApp());
	CHECK(cd > 0);
	CHECK_OK(DCreateAttrClass(cd, "cpu", cpu_attrs, NATTRS));
	return cd;
}

/* Create monitor NAME from MON_OBJ; fails the test with the loader's message otherwise. */
static void monitor(int cd, const char *name)
{
	int r = DCreateMonitor(cd, name, 10, MON_OBJ);
	if (r != 0)
		ut_fail(__FILE__, __LINE__, "DCreateMonitor(%s) = %d, errno %s: %s", name, r,
			ut_errname(errno), DLastMessage());
}

/* Create handler NAME from HAND_OBJ; fails the test with the loader's message otherwise. */
static void handler(int cd, const char *name)
{
	int r = DCreateHandler(cd, name, HAND_OBJ);
	if (r != 0)
		ut_fail(__FILE__, __LINE__, "DCreateHandler(%s) = %d, errno %s: %s", name, r,
			ut_errname(errno), DLastMessage());
}

/* Objects in the listing owned by process PID (of KIND; 0: any kind). */
static int owned_by(int pid, int kind)
{
	struct dion_info d;
	int n = 0;
	for (int i = 0; CHECK_OK(DList(i, &d)) == 1; i++)
		n += d.owner == pid && (!kind || d.kind == kind);
	return n;
}

/* ---- Helpers ---- */

/* Read one line from FD into BUF (at most LEN - 1 bytes, no '\n'); its length, or -1 at end. */
static int read_line(int fd, char *buf, int len)
{
	int n = 0;
	char c;
	for (;;) {
		if (read(fd, &c, 1) != 1)
			return n ? n : -1;
		if (c == '\n')
			break;
		if (n < len - 1)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return n;
}

/*
 * dionop CD: read commands from stdin, one a line, and run each on
 * application CD, which another process owns: "get NAME", "set NAME
 * VALUE", "destroy KIND NAME", "grant PID", "monitor NAME". Answer each with
 * one line "R ERRNAME VALUE" (R the raw result, ERRNAME "OK" or the errno's
 * name, VALUE what get read). Exits 0 at the end of input.
 */
static int h_dionop(int argc, char **argv)
{
	char line[128], a[64];
	int cd = argc > 3 ? atoi(argv[3]) : 0;
	while (read_line(0, line, sizeof(line)) >= 0) {
		int value = 0, r, n = 0;
		char *sp = strchr(line, ' ');
		if (!sp)
			return 2;
		*sp++ = '\0';
		errno = 0;
		if (strcmp(line, "get") == 0) {
			r = DGetAttr(cd, sp, &value);
		} else if (strcmp(line, "set") == 0) {
			char *v = strchr(sp, ' ');
			if (!v)
				return 2;
			*v++ = '\0';
			r = DSetAttr(cd, sp, atoi(v));
		} else if (strcmp(line, "destroy") == 0) {
			char *name = strchr(sp, ' ');
			if (!name)
				return 2;
			*name++ = '\0';
			r = DDestroy(atoi(sp), cd, name);
		} else if (strcmp(line, "grant") == 0) {
			r = DGrant(cd, atoi(sp), DION_R_OTHER_READ | DION_R_OTHER_WRITE);
		} else if (strcmp(line, "monitor") == 0) {
			snprintf(a, sizeof(a), "%s", sp);
			r = DCreateMonitor(cd, a, 10, MON_OBJ);
		} else {
			return 2;
		}
		n = snprintf(line, sizeof(line), "%d %s %d\n", r, r < 0 ? ut_errname(errno) : "OK",
			     value);
		write(1, line, (size_t)n);
	}
	return 0;
}

/*
 * dionowner: make an application with the test class, a monitor, a
 * handler and their channel (names ending in this process's pid), print
 * "ready" (or "failed ..." and exit 1), then sleep until killed.
 */
static int h_dionowner(int argc, char **argv)
{
	(void)argc; (void)argv;
	char mon[DION_NAME_MAX], hand[DION_NAME_MAX];
	snprintf(mon, sizeof(mon), "xmon.%d", getpid());
	snprintf(hand, sizeof(hand), "xpid.%d", getpid());
	int cd = DinitApp();
	int r = cd < 0 ? -1 : DCreateAttrClass(cd, "cpu", cpu_attrs, NATTRS);
	if (r == 0)
		r = DCreateMonitor(cd, mon, 10, MON_OBJ);
	if (r == 0)
		r = DCreateHandler(cd, hand, HAND_OBJ);
	if (r == 0)
		r = DCreateEventChannel(cd, mon, hand);
	if (r != 0) {
		printf("failed %d %s %s\n", r, ut_errname(errno), DLastMessage());
		fflush(stdout);
		return 1;
	}
	printf("ready %d\n", cd);
	fflush(stdout);
	for (;;)
		sleep_ms(1000);
}

const struct ut_helper ut_dion_helpers[] = {
	{ "dionop", h_dionop },
	{ "dionowner", h_dionowner },
	{ NULL, NULL },
};

/* A dionop helper on CD with its stdin and stdout on pipes. */
struct peer {
	int pid;
	int to, from;                /* our ends: its commands, its answers */
};

static struct peer peer_start(int cd)
{
	int in[2], out[2];
	char cds[12];
	CHECK_OK(pipe(in));
	CHECK_OK(pipe(out));
	snprintf(cds, sizeof(cds), "%d", cd);
	int fdmap[3] = { in[0], out[1], 2 };
	struct peer p = { ut_helper(fdmap, "dionop", cds, NULL), in[1], out[0] };
	CHECK_OK(close(in[0]));
	CHECK_OK(close(out[1]));
	return p;
}

/* Send CMD to peer P; its answer's raw result, errno name in ERR (64 bytes), value in *VALUE. */
static int peer_do(struct peer *p, const char *cmd, char *err, int *value)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "%s\n", cmd);
	CHECK_EQ(write(p->to, line, (size_t)n), n);
	if (read_line(p->from, line, sizeof(line)) < 0)
		ut_fail(__FILE__, __LINE__, "dionop gave no answer to %s", cmd);
	int r = atoi(line);
	char *e = strchr(line, ' ');
	char *v = e ? strchr(e + 1, ' ') : NULL;
	if (!v)
		ut_fail(__FILE__, __LINE__, "dionop's answer \"%s\" is malformed", line);
	*v = '\0';
	snprintf(err, 64, "%s", e + 1);
	*value = atoi(v + 1);
	return r;
}

/* Peer P must answer CMD with errno WANT ("OK": success). */
#define PEER_EXPECT(p, cmd, want) \
	do { char e_[64]; int v_; peer_do(p, cmd, e_, &v_); \
	     if (strcmp(e_, want) != 0) ut_fail(__FILE__, __LINE__, "%s: got %s, want %s", \
						cmd, e_, want); } while (0)

static void peer_end(struct peer *p)
{
	CHECK_OK(close(p->to));
	CHECK_EQ(ut_wait(p->pid), 0);
	CHECK_OK(close(p->from));
}

/* ---- Tests ---- */

static int init_app_new_cds(void)
{
	int a = (int)CHECK_OK(DinitApp()), b = (int)CHECK_OK(DinitApp());
	CHECK(a > 0 && b > 0 && a != b);
	CHECK(ut_syscall(SYS_dion_init_app, 0, 0, 0) > b);
	return 0;
}

/* The CPU SM is in the listing, owned by the kernel; the listing ends with 0. */
static int list_shows_kernel_cpu_sm(void)
{
	struct dion_info d;
	int found = 0, i, r;
	for (i = 0; (r = DList(i, &d)) == 1; i++)
		if (d.kind == DION_SM && strcmp(d.name, "cpu") == 0) {
			found = 1;
			CHECK_EQ(d.owner, 0);
			CHECK_EQ(d.cd, 0);
			CHECK(d.period > 0);
			CHECK(strcmp(d.detail, "kernel") == 0);
		}
	CHECK_EQ(r, 0);
	CHECK(found);
	CHECK_EQ(DList(i + 5, &d), 0);
	CHECK_EQ(DList(-1, &d), 0);
	return 0;
}

/* A class's attributes in order, with rights and values; the SM sets actual_cpu. */
static int attrclass_listed_with_rights(void)
{
	int cd = app_with_class();
	struct dion_attr_info a;
	for (int i = 0; i < NATTRS; i++) {
		CHECK_EQ(DListAttrs(cd, i, &a), 1);
		CHECK(strcmp(a.name, cpu_attrs[i].name) == 0);
		CHECK_EQ(a.rights, cpu_attrs[i].rights);
		if (strcmp(a.name, "actual_cpu") != 0)
			CHECK_EQ(a.value, cpu_attrs[i].value);
	}
	CHECK_EQ(DListAttrs(cd, NATTRS, &a), 0);
	CHECK_EQ(DListAttrs(cd, -1, &a), 0);
	int v;
	CHECK_OK(DGetAttr(cd, "target_cpu", &v));
	CHECK_EQ(v, 40);
	CHECK_OK(DSetAttr(cd, "note", 99));
	CHECK_OK(DGetAttr(cd, "note", &v));
	CHECK_EQ(v, 99);
	CHECK_EQ(owned_by(getpid(), DION_CLASS), 1);
	return 0;
}

/* Every pointer argument, in kernel, unmapped, NULL and read-only memory. */
static int bad_pointers_efault(void)
{
	int cd = app_with_class();
	int other = (int)CHECK_OK(DinitApp());
	const uint32_t bad[] = { UT_KERNEL_ADDR, UT_UNMAPPED, 0 };
	uint32_t defs = W(cpu_attrs), cpu = W("cpu"), name = W("note");
	int value;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t p = bad[i];
		CHECK_ERR(ut_syscall4(SYS_dion_attrclass, (uint32_t)other, p, defs, NATTRS), EFAULT);
		CHECK_ERR(ut_syscall4(SYS_dion_attrclass, (uint32_t)other, cpu, p, NATTRS), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_create, p, 0, 0), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_destroy, DION_MONITOR, (uint32_t)cd, p), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_attr_get, (uint32_t)cd, p, W(&value)), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_attr_get, (uint32_t)cd, name, p), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_attr_set, (uint32_t)cd, p, 1), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_list, 0, p, 0), EFAULT);
		CHECK_ERR(ut_syscall(SYS_dion_attr_list, (uint32_t)cd, 0, p), EFAULT);
	}
	/* Outputs in read-only code; a struct dion_create ending past the top of user space. */
	CHECK_ERR(ut_syscall(SYS_dion_attr_get, (uint32_t)cd, name, UT_TEXT_ADDR), EFAULT);
	CHECK_ERR(ut_syscall(SYS_dion_list, 0, UT_TEXT_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_dion_attr_list, (uint32_t)cd, 0, UT_TEXT_ADDR), EFAULT);
	CHECK_ERR(ut_syscall(SYS_dion_create, UT_TEXT_ADDR, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_dion_create, USER_TOP - 64, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall4(SYS_dion_attrclass, (uint32_t)other, cpu, UT_WRAP_ADDR, NATTRS), EFAULT);
	/* Nothing was created by the refused calls. */
	CHECK_EQ(owned_by(getpid(), DION_CLASS), 1);
	CHECK_OK(DGetAttr(cd, "note", &value));
	CHECK_EQ(value, 7);
	return 0;
}

static int unknown_names_enoent(void)
{
	int cd = (int)CHECK_OK(DinitApp()), v;
	struct dion_attr_info a;
	CHECK_FAILS(DCreateAttrClass(cd, "no_such_sm", cpu_attrs, NATTRS), ENOENT);
	CHECK_FAILS(DListAttrs(cd, 0, &a), ENOENT);           /* no class yet */
	CHECK_EQ(DCreateMonitor(cd, "m", 10, MON_OBJ), 1);    /* the paper's "no such SM" */
	CHECK_EQ(DCreateHandler(cd, "h", HAND_OBJ), 1);
	CHECK_OK(DCreateAttrClass(cd, "cpu", cpu_attrs, NATTRS));
	CHECK_FAILS(DGetAttr(cd, "no_such_attribute", &v), ENOENT);
	CHECK_FAILS(DSetAttr(cd, "no_such_attribute", 1), ENOENT);
	CHECK_FAILS(DGetAttr(99999, "note", &v), ENOENT);
	CHECK_FAILS(DSetAttr(99999, "note", 1), ENOENT);
	CHECK_FAILS(DListAttrs(99999, 0, &a), ENOENT);
	CHECK_FAILS(DGrant(99999, getpid(), DION_R_OTHER_READ), ENOENT);
	CHECK_FAILS(DDestroy(DION_MONITOR, cd, "no_such_monitor"), ENOENT);
	CHECK_FAILS(DDestroy(DION_HANDLER, cd, "no_such_handler"), ENOENT);
	CHECK_FAILS(DDestroy(DION_CHANNEL, cd, "no_such_monitor"), ENOENT);
	CHECK_FAILS(DDestroy(DION_SM, cd, "no_such_sm"), ENOENT);
	CHECK_FAILS(DCreateMonitor(cd, "m", 10, "/ext/no_such_object.to"), ENOENT);
	CHECK_FAILS(DCreateSM("s", 10, "/ext/no_such_object.to"), ENOENT);
	monitor(cd, "unk.mon");
	CHECK_EQ(DCreateEventChannel(cd, "no_such_monitor", "no_such_handler"), 2);
	CHECK_FAILS(DCreateEventChannel(cd, "unk.mon", "no_such_handler"), ENOENT);
	CHECK_FAILS(DCreateEventChannel(cd, "unk.mon", "no_such_sm/h"), ENOENT);
	CHECK_FAILS(DEventChannelId(cd, "unk.mon"), ENOENT);  /* no subscriber yet: no channel */
	return 0;
}

static int duplicate_names_eexist(void)
{
	int cd = app_with_class();
	DAttr_t twice[2] = { { "same", 1, R_OWNER }, { "same", 2, R_OWNER } };
	int other = (int)CHECK_OK(DinitApp());
	CHECK_FAILS(DCreateAttrClass(other, "cpu", twice, 2), EEXIST);
	CHECK_FAILS(DCreateAttrClass(cd, "cpu", cpu_attrs, NATTRS), EEXIST);   /* a second class */
	monitor(cd, "dup.mon");
	handler(cd, "dup.pid");
	CHECK_FAILS(DCreateMonitor(cd, "dup.mon", 10, MON_OBJ), EEXIST);
	CHECK_FAILS(DCreateHandler(cd, "dup.pid", HAND_OBJ), EEXIST);
	CHECK_OK(DCreateEventChannel(cd, "dup.mon", "dup.pid"));
	CHECK_FAILS(DCreateEventChannel(cd, "dup.mon", "dup.pid"), EEXIST);
	CHECK_FAILS(DCreateSM("cpu", 10, MON_OBJ), EEXIST);
	return 0;
}

/* A second attribute class for one application, in the same SM or by another call. */
static int second_attrclass_eexist(void)
{
	int cd = app_with_class();
	DAttr_t one = { "x", 1, R_OWNER };
	CHECK_FAILS(DCreateAttrClass(cd, "cpu", &one, 1), EEXIST);
	CHECK_ERR(ut_syscall4(SYS_dion_attrclass, (uint32_t)cd, W("cpu"), W(cpu_attrs), NATTRS),
		  EEXIST);
	CHECK_EQ(owned_by(getpid(), DION_CLASS), 1);
	return 0;
}

/*
 * Another process reaches the class only through a grant: without one it
 * may neither read nor write (EACCES) nor create or destroy (EPERM); with
 * read and write granted, each attribute's "other" rights decide.
 */
static int other_process_needs_grant(void)
{
	int cd = app_with_class(), v;
	monitor(cd, "grant.mon");
	struct peer p = peer_start(cd);
	char err[64];

	PEER_EXPECT(&p, "get note", "EACCES");
	PEER_EXPECT(&p, "get target_cpu", "EACCES");
	PEER_EXPECT(&p, "set note 5", "EACCES");
	PEER_EXPECT(&p, "destroy 2 grant.mon", "EPERM");
	PEER_EXPECT(&p, "monitor grant.mon2", "EPERM");
	PEER_EXPECT(&p, "grant 1", "EPERM");
	CHECK_OK(DGrant(cd, p.pid, DION_R_OTHER_READ));
	CHECK_EQ(peer_do(&p, "get note", err, &v), 0);
	CHECK_EQ(v, 7);
	PEER_EXPECT(&p, "get target_cpu", "OK");
	PEER_EXPECT(&p, "get timeslice-adjustment", "EACCES");   /* no read right for others */
	PEER_EXPECT(&p, "set note 5", "EACCES");                 /* granted read only */
	CHECK_OK(DGrant(cd, p.pid, DION_R_OTHER_READ | DION_R_OTHER_WRITE));
	PEER_EXPECT(&p, "set note 5", "OK");
	PEER_EXPECT(&p, "set target_cpu 30", "EACCES");          /* no write right for others */
	PEER_EXPECT(&p, "destroy 2 grant.mon", "EPERM");         /* a grant is not ownership */
	CHECK_OK(DGetAttr(cd, "note", &v));
	CHECK_EQ(v, 5);
	CHECK_OK(DGetAttr(cd, "target_cpu", &v));
	CHECK_EQ(v, 40);
	CHECK_OK(DGrant(cd, p.pid, 0));                          /* revoked */
	PEER_EXPECT(&p, "get note", "EACCES");
	CHECK_FAILS(DGrant(cd, p.pid, DION_R_OWNER_READ), EINVAL);
	peer_end(&p);
	CHECK_EQ(owned_by(getpid(), DION_MONITOR), 1);
	return 0;
}

/* A destroyed name can be used again at once, for each kind. */
static int destroy_then_reuse_name(void)
{
	int cd = app_with_class();
	monitor(cd, "re.mon");
	handler(cd, "re.pid");
	CHECK_OK(DCreateEventChannel(cd, "re.mon", "re.pid"));
	int id = (int)CHECK_OK(DEventChannelId(cd, "re.mon"));
	CHECK(id > 0);
	CHECK_OK(DDestroy(DION_CHANNEL, cd, "re.mon"));
	CHECK_FAILS(DEventChannelId(cd, "re.mon"), ENOENT);
	CHECK_FAILS(DDestroy(DION_CHANNEL, cd, "re.mon"), ENOENT);
	CHECK_OK(DCreateEventChannel(cd, "re.mon", "re.pid"));
	CHECK(CHECK_OK(DEventChannelId(cd, "re.mon")) != id);    /* a new channel, a new id */
	CHECK_OK(DDestroy(DION_MONITOR, cd, "re.mon"));          /* takes its channel with it */
	CHECK_FAILS(DEventChannelId(cd, "re.mon"), ENOENT);
	CHECK_EQ(owned_by(getpid(), DION_CHANNEL), 0);
	monitor(cd, "re.mon");
	CHECK_OK(DDestroy(DION_HANDLER, cd, "re.pid"));
	CHECK_EQ(owned_by(getpid(), DION_HANDLER), 0);
	handler(cd, "re.pid");
	CHECK_OK(DCreateEventChannel(cd, "re.mon", "re.pid"));
	CHECK_OK(DDestroy(DION_CLASS, cd, "attributes"));        /* and everything with it */
	CHECK_EQ(owned_by(getpid(), 0), 0);
	CHECK_OK(DCreateAttrClass(cd, "cpu", cpu_attrs, NATTRS));
	monitor(cd, "re.mon");
	return 0;
}

/* The monitor runs in its SM and the handler gets its events through the channel. */
static int monitor_events_reach_handler(void)
{
	int cd = app_with_class();
	monitor(cd, "run.mon");
	handler(cd, "run.pid");
	CHECK_OK(DCreateEventChannel(cd, "run.mon", "run.pid"));
	sleep_ms(200);
	struct dion_info d;
	unsigned mon_runs = 0, hand_runs = 0, events = 0;
	for (int i = 0; CHECK_OK(DList(i, &d)) == 1; i++) {
		if (d.cd != cd)
			continue;
		if (d.kind == DION_MONITOR)
			mon_runs = d.stat.runs;
		else if (d.kind == DION_HANDLER)
			hand_runs = d.stat.runs;
		else if (d.kind == DION_CHANNEL)
			events = d.stat.events;
		if (d.kind == DION_MONITOR || d.kind == DION_HANDLER)
			CHECK_EQ(d.stat.aborts, 0);
	}
	printf("monitor runs %u, channel events %u, handler runs %u\n", mon_runs, events,
	       hand_runs);
	CHECK(mon_runs >= 5);
	CHECK(events >= 5);
	CHECK(hand_runs >= 5);
	return 0;
}

/* A rejected object: EREJECT, and the verifier's message starts with E_. */
static int rejected_object_ereject(void)
{
	int cd = app_with_class();
	CHECK_FAILS(DCreateMonitor(cd, "bad.mon", 10, FORBIDDEN), EREJECT);
	printf("%s\n", DLastMessage());
	CHECK(strncmp(DLastMessage(), "E_", 2) == 0);
	CHECK_FAILS(DCreateHandler(cd, "bad.pid", FORBIDDEN), EREJECT);
	CHECK(strncmp(DLastMessage(), "E_FORBIDDEN", 11) == 0);
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = DION_MONITOR;
	req.cd = cd;
	req.period = 10;
	strcpy(req.name, "bad.mon");
	strcpy(req.path, FORBIDDEN);
	CHECK_FAILS(dion_create(&req), EREJECT);
	CHECK(strncmp(req.msg, "E_FORBIDDEN", 11) == 0);
	CHECK_EQ(owned_by(getpid(), DION_MONITOR) + owned_by(getpid(), DION_HANDLER), 0);
	monitor(cd, "bad.mon");                                  /* the name was never taken */
	CHECK(strncmp(DLastMessage(), "OK ", 3) == 0);           /* what was loaded */
	return 0;
}

/* Objects that verify but cannot be linked: an unknown import, or no entry point of the kind. */
static int link_failure_elink(void)
{
	int cd = app_with_class();
	CHECK_FAILS(DCreateMonitor(cd, "link.mon", 10, BADLINK), ELINK);
	printf("%s\n", DLastMessage());
	CHECK(strncmp(DLastMessage(), "E_LINK", 6) == 0);
	CHECK_FAILS(DCreateMonitor(cd, "link.mon", 10, BASIC), ELINK);     /* no monitor() */
	CHECK(strncmp(DLastMessage(), "E_LINK", 6) == 0);
	CHECK_FAILS(DCreateHandler(cd, "link.pid", MON_OBJ), ELINK);       /* no handle(int) */
	printf("%s\n", DLastMessage());
	CHECK(strncmp(DLastMessage(), "E_LINK", 6) == 0);
	CHECK_FAILS(DCreateMonitor(cd, "link.mon", 10, HAND_OBJ), ELINK);  /* no monitor() */
	CHECK_EQ(owned_by(getpid(), DION_MONITOR) + owned_by(getpid(), DION_HANDLER), 0);
	return 0;
}

/* Kinds, periods and counts out of range; names the kernel cannot take. */
static int kinds_out_of_range_einval(void)
{
	int cd = app_with_class();
	struct dion_create req;
	const int kinds[] = { 0, -1, DION_CLASS, DION_APP, 7, 1000 };
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		memset(&req, 0, sizeof(req));
		req.kind = kinds[i];
		req.cd = cd;
		req.period = 10;
		strcpy(req.name, "k.mon");
		strcpy(req.path, MON_OBJ);
		CHECK_FAILS(dion_create(&req), EINVAL);
	}
	CHECK_FAILS(DDestroy(0, cd, "k.mon"), EINVAL);
	CHECK_FAILS(DDestroy(DION_APP, cd, "k.mon"), EINVAL);
	CHECK_FAILS(DDestroy(99, cd, "k.mon"), EINVAL);
	CHECK_FAILS(DCreateMonitor(cd, "k.mon", 0, MON_OBJ), EINVAL);
	CHECK_FAILS(DCreateMonitor(cd, "k.mon", -5, MON_OBJ), EINVAL);
	CHECK_FAILS(DCreateMonitor(cd, "", 10, MON_OBJ), EINVAL);
	CHECK_FAILS(DCreateMonitor(cd, "a/b", 10, MON_OBJ), EINVAL);
	CHECK_FAILS(DCreateSM("k.sm", 0, MON_OBJ), EINVAL);
	int other = (int)CHECK_OK(DinitApp());
	CHECK_FAILS(DCreateAttrClass(other, "cpu", cpu_attrs, 0), EINVAL);
	CHECK_FAILS(DCreateAttrClass(other, "cpu", cpu_attrs, -1), EINVAL);
	CHECK_FAILS(DCreateAttrClass(other, "cpu", cpu_attrs, DION_ATTRS_MAX + 1), EINVAL);
	/* Names libc will not cut short. */
	CHECK_FAILS(DCreateMonitor(cd, "a_monitor_name_of_32_characters_", 10, MON_OBJ),
		    ENAMETOOLONG);
	CHECK_EQ(owned_by(getpid(), DION_MONITOR), 0);
	return 0;
}

/* The CPU SM's guard: requests it cannot meet, and the measured attribute. */
static int cpu_guard_refuses(void)
{
	int cd = app_with_class(), v;
	CHECK_FAILS(DSetAttr(cd, "target_cpu", 101), ERANGE);    /* above max_cpu and period */
	CHECK_FAILS(DSetAttr(cd, "min_cpu", 50), ERANGE);        /* above target */
	CHECK_FAILS(DSetAttr(cd, "actual_cpu", 3), EACCES);      /* no write right for anyone */
	CHECK_OK(DSetAttr(cd, "target_cpu", 30));
	CHECK_OK(DGetAttr(cd, "target_cpu", &v));
	CHECK_EQ(v, 30);
	DAttr_t bad[2] = { { "target_cpu", 0, R_REQUEST }, { "period", 100, R_REQUEST } };
	int other = (int)CHECK_OK(DinitApp());
	CHECK_FAILS(DCreateAttrClass(other, "cpu", bad, 2), EINVAL);   /* a zero target */
	return 0;
}

/* The targets of all CPU applications add up to at most PARAM_DION_CPU_ADMIT percent. */
static int cpu_admission_limit(void)
{
	DAttr_t a[NATTRS];
	memcpy(a, cpu_attrs, sizeof(a));
	a[0].value = 40;                                        /* target 40 of 100 */
	int c1 = (int)CHECK_OK(DinitApp()), c2 = (int)CHECK_OK(DinitApp());
	int c3 = (int)CHECK_OK(DinitApp());
	CHECK_OK(DCreateAttrClass(c1, "cpu", a, NATTRS));       /* 40% */
	CHECK_OK(DCreateAttrClass(c2, "cpu", a, NATTRS));       /* 80% */
	CHECK_FAILS(DCreateAttrClass(c3, "cpu", a, NATTRS), EBUSY);   /* 120% */
	a[0].value = 11;
	CHECK_FAILS(DCreateAttrClass(c3, "cpu", a, NATTRS), EBUSY);   /* 91% */
	a[0].value = 10;
	CHECK_OK(DCreateAttrClass(c3, "cpu", a, NATTRS));       /* 90%: the limit itself */
	CHECK_FAILS(DSetAttr(c3, "target_cpu", 11), EBUSY);
	return 0;
}

/* max_cpu lies within the period, at creation and when it is set. */
static int cpu_max_within_period(void)
{
	DAttr_t a[NATTRS];
	memcpy(a, cpu_attrs, sizeof(a));
	a[2].value = 101;                                       /* max_cpu of a 100-tick period */
	int c1 = (int)CHECK_OK(DinitApp());
	CHECK_FAILS(DCreateAttrClass(c1, "cpu", a, NATTRS), EINVAL);
	int cd = app_with_class();
	CHECK_FAILS(DSetAttr(cd, "max_cpu", 101), ERANGE);
	CHECK_OK(DSetAttr(cd, "max_cpu", 100));
	return 0;
}

/* Everything an application owns leaves the listing when its process exits. */
static int objects_gone_at_exit(void)
{
	int fds[2];
	char line[128];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { 0, fds[1], 2 };
	int pid = ut_helper(fdmap, "dionowner", NULL);
	CHECK_OK(close(fds[1]));
	CHECK(read_line(fds[0], line, sizeof(line)) > 0);
	if (strncmp(line, "ready", 5) != 0)
		ut_fail(__FILE__, __LINE__, "dionowner: %s", line);
	CHECK_EQ(owned_by(pid, DION_CLASS), 1);
	CHECK_EQ(owned_by(pid, DION_MONITOR), 1);
	CHECK_EQ(owned_by(pid, DION_HANDLER), 1);
	CHECK_EQ(owned_by(pid, DION_CHANNEL), 1);
	CHECK_OK(kill(pid, SIGKILL));
	ut_wait(pid);
	CHECK_OK(close(fds[0]));
	CHECK_EQ(owned_by(pid, 0), 0);
	return 0;
}

const struct ut_test ut_dion_tests[] = {
	{ "dion_init_app_new_cds", init_app_new_cds },
	{ "dion_list_shows_kernel_cpu_sm", list_shows_kernel_cpu_sm },
	{ "dion_attrclass_listed_with_rights", attrclass_listed_with_rights },
	{ "dion_bad_pointers_efault", bad_pointers_efault },
	{ "dion_unknown_names_enoent", unknown_names_enoent },
	{ "dion_duplicate_names_eexist", duplicate_names_eexist },
	{ "dion_second_attrclass_eexist", second_attrclass_eexist },
	{ "dion_other_process_needs_grant", other_process_needs_grant },
	{ "dion_destroy_then_reuse_name", destroy_then_reuse_name },
	{ "dion_monitor_events_reach_handler", monitor_events_reach_handler },
	{ "dion_rejected_object_ereject", rejected_object_ereject },
	{ "dion_link_failure_elink", link_failure_elink },
	{ "dion_kinds_out_of_range_einval", kinds_out_of_range_einval },
	{ "dion_cpu_guard_refuses", cpu_guard_refuses },
	{ "dion_cpu_admission_limit", cpu_admission_limit },
	{ "dion_cpu_max_within_period", cpu_max_within_period },
	{ "dion_objects_gone_at_exit", objects_gone_at_exit },
	{ NULL, NULL },
};
