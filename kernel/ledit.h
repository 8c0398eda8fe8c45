/*
 * The line editor of the console (used by kernel/tty.c): it takes input
 * bytes one at a time, from any source, and edits one line with a cursor
 * and a history, echoing through a function it is given.
 *
 *   printable byte        inserted at the cursor
 *   BS or DEL             erase the character before the cursor
 *   ESC [ 3 ~             (Delete) erase the character under the cursor
 *   ESC [ D / ESC [ C     cursor left / right
 *   ESC [ H, ESC [ 1 ~, ESC [ 7 ~, Ctrl-A   cursor to the start of the line
 *   ESC [ F, ESC [ 4 ~, ESC [ 8 ~, Ctrl-E   cursor to the end of the line
 *   ESC [ A / ESC [ B     the previous / next line of the history
 *   (ESC O and a letter is the same key as ESC [ and that letter)
 *   Ctrl-U                erase the whole line
 *   CR or LF              end the line (a CR LF pair counts once)
 *   Ctrl-D                end the line without a newline (empty: end of file)
 *
 * Other control bytes and escape sequences are dropped, whole (an ESC
 * followed by anything but [ or O is dropped alone). A byte that
 * does not fit (the line holds at most TTY_LINE_MAX - 1 characters, so
 * that its newline fits too) rings the bell once and marks the line too
 * long: when it ends it is refused (LEDIT_TOO_LONG) rather than handed out
 * cut. Ctrl-U, or a line taken from the history, clears the mark.
 *
 * The echo uses only printable characters, '\b' as "cursor one left"
 * (never erasing), '\a' and '\n', so it looks right on any terminal as
 * long as the line fits on one screen row. Typing at the end of the line
 * echoes exactly the bytes typed.
 *
 * The history keeps the last PARAM_TTY_HISTORY non-empty lines (a line
 * equal to the newest is not kept twice). Up and Down show older and
 * newer lines for editing; an edit changes only the line being edited,
 * never the history; Down past the newest line gives back the line that
 * was being typed.
 *
 * Invariant: 0 <= cur <= len <= TTY_LINE_MAX - 1; buf[0, len) is the line
 * as the screen shows it after the prompt, the terminal's cursor at cur.
 */
#ifndef KERNEL_LEDIT_H
#define KERNEL_LEDIT_H

#include "kernel/kdefs.h"
#include "talos/param.h"
#include "talos/syscall.h"

/* What a byte did to the line (ledit_input). */
enum ledit_result {
	LEDIT_EDITING,     /* the line is not finished */
	LEDIT_LINE,        /* finished: ledit_take hands it out */
	LEDIT_TOO_LONG,    /* finished, but a byte did not fit: refused and forgotten */
};

/* Escape sequence being read. */
enum ledit_esc {
	LEDIT_ESC_NONE,    /* not in a sequence */
	LEDIT_ESC_START,   /* after ESC */
	LEDIT_ESC_CSI,     /* after ESC [ (parameters and intermediates may follow) */
	LEDIT_ESC_SS3,     /* after ESC O: one final byte follows */
};

struct ledit {
	char buf[TTY_LINE_MAX];        /* the line being edited, no newline */
	uint32_t len;                  /* bytes in buf */
	uint32_t cur;                  /* cursor: the index the next byte is inserted at */
	bool too_long;                 /* a byte did not fit: the line will be refused */
	bool after_cr;                 /* the last byte was CR: a following LF is part of it */
	bool newline;                  /* the line just ended with CR or LF, not Ctrl-D */
	enum ledit_esc esc;            /* escape sequence state */
	uint32_t esc_param;            /* CSI: the first numeric parameter (0: none), capped */
	bool esc_more;                 /* CSI: a parameter byte other than a digit was seen */
	char hist[PARAM_TTY_HISTORY][TTY_LINE_MAX]; /* a ring of past lines, no newline */
	uint32_t hist_len[PARAM_TTY_HISTORY];       /* bytes of each */
	uint32_t hist_count;           /* lines kept (at most PARAM_TTY_HISTORY) */
	uint32_t hist_newest;          /* ring index of the newest line */
	uint32_t browse;               /* 0: editing a new line; k: showing the k-th newest */
	char saved[TTY_LINE_MAX];      /* browse > 0: the new line as it was typed */
	uint32_t saved_len;            /* bytes in saved */
	void (*echo)(const char *s, uint32_t n);  /* where the echo goes */
};

/*
 * Make ED an empty editor with no history, echoing through ECHO. (A
 * zeroed struct ledit with echo set is the same: one may be static.)
 */
void ledit_init(struct ledit *ed, void (*echo)(const char *s, uint32_t n));

/*
 * Apply input byte C to ED's line, echoing what it changes. Returns
 * LEDIT_LINE when C ended the line (then call ledit_take before the next
 * byte), LEDIT_TOO_LONG when C ended a line that did not fit (the line is
 * already forgotten), LEDIT_EDITING otherwise.
 */
enum ledit_result ledit_input(struct ledit *ed, char c);

/*
 * Copy the line just ended into OUT (TTY_LINE_MAX bytes), '\n' included
 * unless it ended with Ctrl-D, and start a new, empty line. Returns the
 * bytes copied: 0 means Ctrl-D on an empty line (end of file).
 */
uint32_t ledit_take(struct ledit *ed, char *out);

#endif /* KERNEL_LEDIT_H */
