/*
 * Tests of the PS/2 scancode translation (kbd_translate, kernel/kbd.h):
 * the bytes a sequence of set 1 scancodes sends, as a terminal would.
 */
#include "kernel/kbd.h"
#include "kernel/ktest.h"
#include "kernel/string.h"

/*
 * Feed the N scancodes SC to a fresh translator (or ST if not NULL) and
 * collect every byte they send into OUT as a NUL-terminated string.
 */
static const char *typed(struct kbd_state *st, const uint8_t *sc, int n, char *out, int room)
{
	struct kbd_state fresh;
	if (!st) {
		memset(&fresh, 0, sizeof(fresh));
		st = &fresh;
	}
	int len = 0;
	for (int i = 0; i < n; i++) {
		char bytes[KBD_MAX_BYTES];
		int k = kbd_translate(st, sc[i], bytes);
		if (k < 0 || k > KBD_MAX_BYTES || len + k >= room)
			KT_FAIL("scancode %d (0x%02x) gave %d bytes", i, sc[i], k);
		memcpy(out + len, bytes, (size_t)k);
		len += k;
	}
	out[len] = 0;
	return out;
}

#define TYPED(st, ...) ({ \
	static const uint8_t sc_[] = { __VA_ARGS__ }; \
	typed(st, sc_, (int)sizeof(sc_), buf, (int)sizeof(buf)); })

KTEST(kbd, letters_digits_enter_and_releases)
{
	char buf[64];
	/* e c h o space 1 enter, each pressed and released */
	KT_EXPECT_STR(TYPED(NULL, 0x12, 0x92, 0x2E, 0xAE, 0x23, 0xA3, 0x18, 0x98,
			    0x39, 0xB9, 0x02, 0x82, 0x1C, 0x9C), "echo 1\r");
	/* Tab, Backspace, Esc, and the punctuation of the main block */
	KT_EXPECT_STR(TYPED(NULL, 0x0F, 0x0E, 0x01, 0x0C, 0x0D, 0x1A, 0x1B, 0x27, 0x28,
			    0x29, 0x2B, 0x33, 0x34, 0x35), "\t\x7f\x1b-=[];'`\\,./");
}

KTEST(kbd, shift_either_side_and_caps_lock)
{
	char buf[64];
	/* LShift down, a, 1, LShift up, a */
	KT_EXPECT_STR(TYPED(NULL, 0x2A, 0x1E, 0x02, 0xAA, 0x1E), "A!a");
	/* RShift down, /, ', RShift up, / */
	KT_EXPECT_STR(TYPED(NULL, 0x36, 0x35, 0x28, 0xB6, 0x35), "?\"/");
	/* Caps Lock pressed (with a typematic repeat) and released: letters
	 * only are upper case, Shift makes them lower; pressed again: off */
	KT_EXPECT_STR(TYPED(NULL, 0x3A, 0x3A, 0xBA, 0x1E, 0x02, 0x2A, 0x1E, 0xAA,
			    0x3A, 0xBA, 0x1E), "A1aa");
}

KTEST(kbd, ctrl_combinations_send_control_bytes)
{
	char buf[64];
	/* LCtrl + c, z, d, u, [ ; released; then c */
	KT_EXPECT_STR(TYPED(NULL, 0x1D, 0x2E, 0x2C, 0x20, 0x16, 0x1A, 0x9D, 0x2E),
		      "\x03\x1a\x04\x15\x1b" "c");
	/* right Ctrl (E0 1D) + Shift + c is still Ctrl-C; E0 9D releases it */
	KT_EXPECT_STR(TYPED(NULL, 0xE0, 0x1D, 0x2A, 0x2E, 0xAA, 0xE0, 0x9D, 0x2E),
		      "\x03" "c");
	/* Left Ctrl released while the right one is held: still Ctrl */
	KT_EXPECT_STR(TYPED(NULL, 0x1D, 0xE0, 0x1D, 0x9D, 0x2E, 0xE0, 0x9D, 0x2E),
		      "\x03" "c");
}

KTEST(kbd, arrows_and_navigation_keys_send_escape_sequences)
{
	char buf[64];
	/* up, down, right, left, each E0 make then E0 break */
	KT_EXPECT_STR(TYPED(NULL, 0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0x50, 0xE0, 0xD0,
			    0xE0, 0x4D, 0xE0, 0xCD, 0xE0, 0x4B, 0xE0, 0xCB),
		      "\x1b[A\x1b[B\x1b[C\x1b[D");
	/* Home, End, Delete, Insert, PgUp, PgDn */
	KT_EXPECT_STR(TYPED(NULL, 0xE0, 0x47, 0xE0, 0x4F, 0xE0, 0x53, 0xE0, 0x52,
			    0xE0, 0x49, 0xE0, 0x51),
		      "\x1b[H\x1b[F\x1b[3~\x1b[2~\x1b[5~\x1b[6~");
	/* Arrow keys with the fake shift around them (E0 2A ... E0 AA), then a:
	 * the fake shift changes nothing */
	KT_EXPECT_STR(TYPED(NULL, 0xE0, 0x2A, 0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0xAA, 0x1E),
		      "\x1b[Aa");
}

KTEST(kbd, keypad_follows_num_lock)
{
	char buf[64];
	struct kbd_state st;
	memset(&st, 0, sizeof(st));
	/* Num Lock off: keypad 8 and 4 are up and left, 5 sends nothing, - is - */
	KT_EXPECT_STR(TYPED(&st, 0x48, 0xC8, 0x4B, 0x4C, 0x4A), "\x1b[A\x1b[D-");
	/* Num Lock on: digits and the point; keypad Enter and / (extended) */
	KT_EXPECT_STR(TYPED(&st, 0x45, 0xC5, 0x48, 0x4B, 0x4C, 0x53, 0xE0, 0x1C, 0xE0, 0x35),
		      "845.\r/");
	KT_EXPECT(st.num);
}

KTEST(kbd, alt_prefixes_escape_and_unmapped_keys_send_nothing)
{
	char buf[64];
	/* LAlt + x, then released: x; right Alt (E0 38) + left arrow */
	KT_EXPECT_STR(TYPED(NULL, 0x38, 0x2D, 0xB8, 0x2D, 0xE0, 0x38, 0xE0, 0x4B),
		      "\x1bxx\x1b\x1b[D");
	/* F1, F12, Pause (E1 1D 45 E1 9D C5), then a */
	KT_EXPECT_STR(TYPED(NULL, 0x3B, 0x58, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, 0x1E), "a");
	/* Every possible byte after a fresh state stays within KBD_MAX_BYTES
	 * (typed() checks it), whatever prefix comes before */
	for (int p = 0; p < 3; p++) {
		for (int sc = 0; sc < 256; sc++) {
			struct kbd_state st;
			memset(&st, 0, sizeof(st));
			st.lalt = st.lctrl = st.lshift = true;
			uint8_t seq[2] = { p == 1 ? 0xE0 : p == 2 ? 0x2A : 0x00, (uint8_t)sc };
			typed(&st, seq, 2, buf, (int)sizeof(buf));
		}
	}
}
