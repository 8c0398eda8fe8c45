/*
 * Kernel plugins: what a plugin's C source includes (docs/plugins.md).
 *
 * A plugin is ordinary i386 C compiled by GCC into an ELF32 relocatable
 * object (gcc -c, the flags of mk/plugin.mk), unverified. The kernel runs
 * it in ring 1 in segments that cover only its own memory, and it reaches
 * the kernel only by calling the interfaces declared below, which the
 * loader binds to stubs that go through a call gate to the same interface
 * table, names and signatures as TAL extensions (talos/ext_iface.h).
 *
 * The object says what it exports: PLUGIN_EXPORT(fn, "args") puts a
 * descriptor into section .plugin.exports, naming a global function and
 * its arguments, one character each: 'i' an int, 't' a task capability.
 * A capability is a small index the kernel validates at the gate, never a
 * pointer. PLUGIN_NAME(var, "text") makes a name constant of EXT_NAME_LEN
 * bytes in section .plugin.names, the only names get_attribute,
 * set_attribute and raise_event resolve (as TAL's read-only name globals).
 */
#ifndef TALOS_PLUGIN_H
#define TALOS_PLUGIN_H

#include "talos/ext_iface.h"

#define PLUGIN_EXPORTS_SECTION ".plugin.exports"
#define PLUGIN_NAMES_SECTION   ".plugin.names"

/* One entry of .plugin.exports (40 bytes). */
struct plugin_export_desc {
	char name[32];         /* the function's symbol name, NUL-terminated */
	char args[8];          /* its arguments, "i"/"t" per argument, NUL-terminated */
};

/*
 * Selectors a plugin sees (kernel/gdt.h, with RPL 1). The loader's stubs
 * are the only code meant to use the gates; a plugin that uses them by
 * hand gets the same checks.
 */
#define PLUGIN_SEL_GATE  0x31  /* lcall: interface number in eax, arguments on the stack */
#define PLUGIN_SEL_RET   0x39  /* lcall: end the run with the result in eax */
#define PLUGIN_SEL_CODE  0x41
#define PLUGIN_SEL_DATA  0x49
#define PLUGIN_SEL_STACK 0x51

#ifdef TALOS_PLUGIN

#define PLUGIN_EXPORT(fn, args) \
	static const struct plugin_export_desc plugin_export_##fn \
		__attribute__((used, section(PLUGIN_EXPORTS_SECTION), aligned(4))) = { #fn, args }

#define PLUGIN_NAME(var, text) \
	static const char var[EXT_NAME_LEN] \
		__attribute__((used, section(PLUGIN_NAMES_SECTION), aligned(4))) = text

/* The interfaces, as listed in talos/ext_iface.h ('t': int task, 'n': a PLUGIN_NAME). */
int time_ticks(void);
int trace(int value);
int counter_get(int i);
int counter_set(int i, int v);
int task_ticks(int task);
int task_window_ticks(int task);
int task_period(int task);
int raise(int code);
int get_attribute(const char *name);
int set_attribute(const char *name, int value);
int raise_event(const char *name, int value);

#endif /* TALOS_PLUGIN */

#endif /* TALOS_PLUGIN_H */
