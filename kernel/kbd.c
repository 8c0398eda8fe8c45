/*
 * PS/2 keyboard driver: scancode set 1 to terminal bytes (contract and the
 * key map in kernel/kbd.h), and the IRQ 1 handler that feeds them to the
 * console input ring.
 */
#include "kernel/kbd.h"
#include "kernel/kprintf.h"
#include "kernel/pic.h"
#include "kernel/serial.h"
#include "kernel/trap.h"
#include "kernel/tty.h"
#include "kernel/x86.h"

#define IRQ_KBD 1

/* i8042 ports, status bits and commands. */
#define KBC_DATA      0x60
#define KBC_STATUS    0x64   /* read */
#define KBC_CMD       0x64   /* write */
#define ST_OUT_FULL   0x01   /* a byte waits in KBC_DATA */
#define ST_IN_FULL    0x02   /* the controller has not taken our last byte */
#define ST_AUX        0x20   /* the waiting byte comes from the mouse port */
#define CMD_READ_CFG  0x20
#define CMD_WRITE_CFG 0x60
#define CFG_KBD_IRQ   0x01   /* interrupt on keyboard bytes */
#define CFG_KBD_OFF   0x10   /* keyboard clock disabled */
#define CFG_XLATE     0x40   /* translate set 2 to set 1 */
#define KBC_WAIT      100000 /* status polls before giving up on the controller */

/* Scancodes with a meaning of their own. */
#define SC_RELEASE  0x80     /* set on the release of any key */
#define SC_EXT      0xE0     /* the next byte is an extended key */
#define SC_PAUSE    0xE1     /* Pause: this byte and 5 more, no release */
#define PAUSE_REST  5
#define SC_ESC      0x01
#define SC_LCTRL    0x1D     /* right Ctrl: extended */
#define SC_LSHIFT   0x2A
#define SC_RSHIFT   0x36
#define SC_LALT     0x38     /* right Alt: extended */
#define SC_CAPS     0x3A
#define SC_NUM      0x45
#define SC_KP_FIRST 0x47     /* keypad 7 ... keypad . */
#define SC_KP_LAST  0x53
#define SC_KP_ENTER 0x1C     /* extended */
#define SC_KP_SLASH 0x35     /* extended */

#define ESC 0x1B
#define DEL 0x7F

/*
 * Set 1 make codes 0x00..0x39 to ASCII, without and with Shift; 0 is no
 * character. Enter is CR and Backspace DEL, as a terminal sends them.
 */
static const char plain[0x3A] = {
	0, ESC, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', DEL, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char shifted[0x3A] = {
	0, ESC, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', DEL, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

/* The keypad 0x47..0x53 with Num Lock on (- and + whatever Num Lock says). */
static const char keypad_num[SC_KP_LAST - SC_KP_FIRST + 1] = {
	'7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

/*
 * The escape sequence (after ESC [) of a navigation key: the extended
 * scancodes, which the keypad shares with Num Lock off. NULL if none.
 */
static const char *nav_sequence(uint8_t code)
{
	switch (code) {
	case 0x48: return "A";     /* up */
	case 0x50: return "B";     /* down */
	case 0x4D: return "C";     /* right */
	case 0x4B: return "D";     /* left */
	case 0x47: return "H";     /* Home */
	case 0x4F: return "F";     /* End */
	case 0x52: return "2~";    /* Insert */
	case 0x53: return "3~";    /* Delete */
	case 0x49: return "5~";    /* Page Up */
	case 0x51: return "6~";    /* Page Down */
	default:   return NULL;
	}
}

/* Track a modifier's press or release; true if CODE was a modifier. */
static bool modifier(struct kbd_state *st, uint8_t code, bool ext, bool down)
{
	switch (code) {
	case SC_LSHIFT:
		if (!ext)            /* E0 2A is a fake shift some keys send around themselves */
			st->lshift = down;
		return true;
	case SC_RSHIFT:
		if (!ext)
			st->rshift = down;
		return true;
	case SC_LCTRL:
		*(ext ? &st->rctrl : &st->lctrl) = down;
		return true;
	case SC_LALT:
		*(ext ? &st->ralt : &st->lalt) = down;
		return true;
	case SC_CAPS:
		if (down && !st->caps_held)
			st->caps = !st->caps;
		st->caps_held = down;
		return true;
	case SC_NUM:
		if (ext)             /* E0 45 is not Num Lock */
			return false;
		if (down && !st->num_held)
			st->num = !st->num;
		st->num_held = down;
		return true;
	default:
		return false;
	}
}

/* The character of a main-block or keypad make code, or 0. */
static char key_char(const struct kbd_state *st, uint8_t code, bool ext)
{
	if (ext) {
		if (code == SC_KP_ENTER)
			return '\r';
		return code == SC_KP_SLASH ? '/' : 0;
	}
	if (code >= SC_KP_FIRST && code <= SC_KP_LAST) {
		char c = keypad_num[code - SC_KP_FIRST];
		return st->num || c == '-' || c == '+' ? c : 0;
	}
	if (code >= sizeof(plain))
		return 0;
	bool shift = st->lshift || st->rshift;
	char c = plain[code];
	if (c >= 'a' && c <= 'z' && st->caps)
		shift = !shift;
	return shift ? shifted[code] : c;
}

/* The byte Ctrl makes of C: @ A-Z [ \ ] ^ _ (either case) and space. */
static char ctrl_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 1);
	if ((c >= '@' && c <= '_') || c == ' ')
		return (char)(c & 0x1F);
	if (c == '?')
		return DEL;
	return c;
}

int kbd_translate(struct kbd_state *st, uint8_t sc, char *out)
{
	if (st->skip) {
		st->skip--;
		return 0;
	}
	if (sc == SC_PAUSE) {
		st->skip = PAUSE_REST;
		st->extended = false;
		return 0;
	}
	if (sc == SC_EXT) {
		st->extended = true;
		return 0;
	}
	bool ext = st->extended;
	st->extended = false;
	bool down = !(sc & SC_RELEASE);
	uint8_t code = sc & ~SC_RELEASE;
	if (modifier(st, code, ext, down) || !down)
		return 0;

	int n = 0;
	if (st->lalt || st->ralt)
		out[n++] = ESC;
	/* The keypad's navigation keys without Num Lock are the extended keys. */
	bool nav_keypad = !ext && !st->num && code >= SC_KP_FIRST && code <= SC_KP_LAST;
	const char *seq = ext || nav_keypad ? nav_sequence(code) : NULL;
	if (seq) {
		out[n++] = ESC;
		out[n++] = '[';
		while (*seq)
			out[n++] = *seq++;
		return n;
	}
	char c = key_char(st, code, ext);
	if (!c)
		return 0;
	if (st->lctrl || st->rctrl)
		c = ctrl_char(c);
	out[n++] = c;
	return n;
}

static struct kbd_state state;

static void kbd_irq(struct trapframe *tf)
{
	(void)tf;
	uint8_t status;
	while ((status = inb(KBC_STATUS)) & ST_OUT_FULL) {
		uint8_t sc = inb(KBC_DATA);
		if (status & ST_AUX)
			continue;          /* a mouse byte: no mouse driver */
		char bytes[KBD_MAX_BYTES];
		int n = kbd_translate(&state, sc, bytes);
		if (n > 0)
			serial_feed(bytes, (size_t)n);
	}
	pic_eoi(IRQ_KBD);
	tty_input_ready();
}

/* Wait until the controller's status has MASK set (or clear); false on timeout. */
static bool kbc_wait(uint8_t mask, bool set)
{
	for (int i = 0; i < KBC_WAIT; i++)
		if (((inb(KBC_STATUS) & mask) != 0) == set)
			return true;
	return false;
}

/* Send a command (and, if WITH_ARG, its argument) to the controller. */
static bool kbc_command(uint8_t cmd, bool with_arg, uint8_t arg)
{
	if (!kbc_wait(ST_IN_FULL, false))
		return false;
	outb(KBC_CMD, cmd);
	if (!with_arg)
		return true;
	if (!kbc_wait(ST_IN_FULL, false))
		return false;
	outb(KBC_DATA, arg);
	return true;
}

void kbd_init(void)
{
	while (inb(KBC_STATUS) & ST_OUT_FULL)
		inb(KBC_DATA);
	if (!kbc_command(CMD_READ_CFG, false, 0) || !kbc_wait(ST_OUT_FULL, true)) {
		kprintf("kbd: no PS/2 controller answered; keyboard off\n");
		return;
	}
	uint8_t cfg = inb(KBC_DATA);
	uint8_t want = (uint8_t)((cfg | CFG_KBD_IRQ | CFG_XLATE) & ~CFG_KBD_OFF);
	if (want != cfg && !kbc_command(CMD_WRITE_CFG, true, want)) {
		kprintf("kbd: the PS/2 controller took no configuration; keyboard off\n");
		return;
	}
	while (inb(KBC_STATUS) & ST_OUT_FULL)
		inb(KBC_DATA);
	trap_set_handler(IRQ_BASE + IRQ_KBD, kbd_irq);
	pic_unmask(IRQ_KBD);
}
