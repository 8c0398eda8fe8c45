/*
 * TalOS tunables: every limit and rate the system is built with, one per
 * line. Freestanding #defines only, so the kernel, tal/ and host tools can
 * all include it (user programs and libc do not).
 */
#ifndef TALOS_PARAM_H
#define TALOS_PARAM_H

/* ---- Kernel core ---- */
#define PARAM_HZ              1000        /* PIT interrupts per second: one tick = 1 ms */
#define PARAM_KERNEL_SPACE    0x40000000u /* virtual [0, this) is kernel space, identity-mapped RAM */
#define PARAM_MAX_RAM         0x38000000u /* RAM above 896 MiB is ignored (fits kernel space) */
#define PARAM_KSTACK_SIZE     16384       /* bytes of boot (and per-thread) kernel stack */
#define PARAM_HEAP_MAX        0x01000000u /* kmalloc may grow to 16 MiB */
#define PARAM_CMDLINE_MAX     256         /* bytes of kernel command line kept */
#define PARAM_MAX_MODULES     16          /* multiboot modules recorded */
#define PARAM_BACKTRACE_DEPTH 16          /* frames printed by PANIC */

/* ---- Processes and scheduling ---- */
#define PARAM_NPROC           64          /* process table slots (live and zombie) */
#define PARAM_QUANTUM         10          /* default round-robin quantum, ticks */
#define PARAM_PERIOD          100         /* default accounting window, ticks */
#define PARAM_MAX_QUANTUM     1000        /* largest quantum setsched accepts */
#define PARAM_MAX_PERIOD      10000       /* largest accounting window setsched accepts */

/* ---- Files ---- */
#define PARAM_RAMFS_FILES     256         /* ramfs entries: initrd files, directories, created files */
#define PARAM_RAMFS_FILE_MAX  0x100000u   /* largest writable in-memory file, bytes */
#define PARAM_RAMFS_PAGES     4096        /* pages created files may hold in all (16 MiB; at most
                                             half of RAM): the filesystem's budget */
#define PARAM_PIPE_SIZE       4096        /* bytes buffered in a pipe */
#define PARAM_TTY_HISTORY     16          /* console lines the line editor keeps for Up/Down */

/* ---- Kernel objects and extensions ---- */
#define PARAM_HANDLES         32          /* handles per process */
#define PARAM_EXT_COUNTERS    8           /* counters each extension may set */
#define PARAM_EXT_TRACE       16          /* trace values kept per extension (a ring) */
#define PARAM_EXT_HELD        16          /* capabilities an extension may keep alive */
#define PARAM_EXT_RESERVATION 10          /* default CPU reservation of an invocation, ticks */
#define PARAM_EXT_MAX_RESERVATION 1000    /* largest reservation a caller may ask for (= EXT_MAX_RESERVATION) */
#define PARAM_EXT_ARGS        6           /* arguments of an exported function */
#define PARAM_EXT_STACK_MARGIN 1024       /* kernel stack kept free below an extension's bound */
#define PARAM_EXT_NAMES       32          /* name constants of an extension resolved against attributes */

/* ---- Kernel plugins (ext/plugin.h, docs/plugins.md) ---- */
#define PARAM_PLUGIN_STACK    4096        /* bytes of ring-1 stack of one run of a plugin */
#define PARAM_PLUGIN_RUNS     4           /* runs of one plugin that may be under way at once */
#define PARAM_PLUGIN_MAX_SIZE (256u << 10) /* bytes of a plugin's segment, stacks included */
#define PARAM_PLUGIN_OBJ_MAX  (1u << 20)  /* bytes of a plugin object file */
#define PARAM_PLUGIN_SECTIONS 64          /* sections of a plugin object */
#define PARAM_PLUGIN_SYMBOLS  1024        /* symbols of a plugin object */
#define PARAM_PLUGIN_KSTACK   1024        /* kernel stack a run needs below ext_run (gate, interface, traps) */

/* ---- Dionisys ---- */
#define PARAM_DION_APPS       64          /* applications (class descriptors) alive at once */
#define PARAM_DION_APPS_PER_PROC 8        /* applications one process may own */
#define PARAM_DION_APP_OBJECTS 16         /* monitors, handlers and SMs one application may have */
#define PARAM_DION_GRANTS     4           /* processes an application may grant attribute access */
#define PARAM_DION_QUEUE      16          /* events a handler's inbox holds */
#define PARAM_DION_SUBS       8           /* handlers subscribed to one channel */
#define PARAM_DION_RESERVATION 2          /* ticks each monitor or handler run may take */
#define PARAM_DION_PRIORITY   31          /* RT priority of the service manager threads */
#define PARAM_DION_CPU_PERIOD 10          /* ticks between passes of the CPU service manager */
#define PARAM_DION_CPU_ADMIT  90          /* percent of the CPU the CPU SM's targets may add up to */
#define PARAM_DION_CPU_AVG    4           /* request periods actual_cpu is the mean of */

/* ---- TAL verifier limits (tal/SPEC.md, section "Limits") ---- */
#define TAL_MAX_OBJ_BYTES     (64u << 20) /* largest object file accepted */
#define TAL_MAX_CODE_BYTES    (16u << 20) /* bytes of code section */
#define TAL_MAX_DATA_BYTES    (1u << 20)  /* bytes of rodata, and of data, each */
#define TAL_MAX_STRTAB_BYTES  (1u << 20)  /* bytes of string table */
#define TAL_MAX_TYPES         4096        /* entries of the type table */
#define TAL_MAX_MEMBERS       16384       /* record fields plus signature members */
#define TAL_MAX_GLOBALS       4096        /* typed globals */
#define TAL_MAX_FUNCS         16384       /* functions */
#define TAL_MAX_LABELS        (1u << 20)  /* annotated labels */
#define TAL_MAX_ITEMS         (1u << 23)  /* register/slot entries of all annotations */
#define TAL_MAX_IMPORTS       256         /* imported kernel interfaces */
#define TAL_MAX_EXPORTS       256         /* exported functions */
#define TAL_MAX_RELOCS        (1u << 20)  /* relocations */
#define TAL_MAX_ARGS          16          /* arguments of one signature */
#define TAL_MAX_FRAME_SLOTS   64          /* 4-byte stack slots of one frame, args included */
#define TAL_IMPORT_STACK      2048        /* stack bytes charged for a call into the kernel */
#define TAL_MAX_STACK         8192        /* bytes of stack the deepest call chain of an export or the handler may use */
#define TAL_MSG_MAX           512         /* bytes of a verifier message, NUL included */

#endif /* TALOS_PARAM_H */
