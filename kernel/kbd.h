/*
 * The PS/2 keyboard: a second source of console input, beside COM1.
 *
 * The i8042 controller delivers scancode set 1 (the controller translates
 * the keyboard's set 2) on IRQ 1. kbd_translate() turns each scancode into
 * the bytes a terminal would send for the key, and the IRQ handler adds
 * them to the console's receive ring (serial_feed()), so the line
 * discipline sees typed keys exactly as it sees bytes arriving on COM1:
 *
 *   letters, digits, punctuation   ASCII, shifted with either Shift and
 *                                  (letters only) inverted by Caps Lock
 *   Enter, Tab, Backspace, Esc     CR, TAB, DEL (0x7F), ESC
 *   Ctrl + @ A..Z [ \ ] ^ _        0x00..0x1F (Ctrl-C is 0x03, Ctrl-Z 0x1A)
 *   Alt + key                      ESC, then the key's bytes
 *   arrows up down right left      ESC [ A, ESC [ B, ESC [ C, ESC [ D
 *   Home End                       ESC [ H, ESC [ F
 *   Insert Delete PgUp PgDn        ESC [ 2 ~, ESC [ 3 ~, ESC [ 5 ~, ESC [ 6 ~
 *   keypad                         digits and . with Num Lock on, the
 *                                  navigation keys above with it off;
 *                                  / * - + and keypad Enter always
 *
 * Function keys, Pause, Print Screen and key releases send nothing.
 * Invariant: the modifier state in struct kbd_state changes only on the
 * press and release of a modifier, so a lost byte never leaves Shift stuck
 * past the next release of that key.
 */
#ifndef KERNEL_KBD_H
#define KERNEL_KBD_H

#include "kernel/kdefs.h"

/* The most bytes one scancode can produce (Alt + Delete: ESC ESC [ 3 ~). */
#define KBD_MAX_BYTES 5

/* What the translator remembers between scancodes. */
struct kbd_state {
	bool lshift, rshift;    /* a Shift key is held */
	bool lctrl, rctrl;      /* a Ctrl key is held */
	bool lalt, ralt;        /* an Alt key is held */
	bool caps;              /* Caps Lock is on */
	bool num;               /* Num Lock is on */
	bool caps_held;         /* Caps Lock is down (its typematic repeats do not toggle) */
	bool num_held;          /* Num Lock is down */
	bool extended;          /* the last byte was the 0xE0 prefix */
	uint8_t skip;           /* bytes of a Pause sequence (0xE1 ...) still to ignore */
};

/*
 * Translate one scancode byte SC, updating ST, into the bytes the key
 * sends; writes them to OUT (room for KBD_MAX_BYTES) and returns how
 * many (0 for a release, a modifier, a prefix or an unmapped key).
 * Pure: touches nothing but ST and OUT.
 */
int kbd_translate(struct kbd_state *st, uint8_t sc, char *out);

/*
 * Take over IRQ 1: make sure the i8042 translates to set 1 and interrupts
 * on keyboard bytes, drop any stale byte, install the handler and unmask
 * the line. Without a controller (no answer within a bounded wait) it says
 * so and leaves the keyboard off. Call after pic_init(), interrupts off.
 */
void kbd_init(void);

#endif /* KERNEL_KBD_H */
