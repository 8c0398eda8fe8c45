/*
 * The console's line editor (contract and invariant in kernel/ledit.h).
 * Every change to the line is echoed at once, so the screen always shows
 * buf[0, len) after the prompt with the terminal's cursor at cur.
 */
#include "kernel/ledit.h"
#include "kernel/string.h"

#define CTRL_A 0x01
#define CTRL_D 0x04
#define CTRL_E 0x05
#define BS     0x08
#define CTRL_U 0x15
#define ESC    0x1B
#define DEL    0x7F

#define LINE_CHARS   (TTY_LINE_MAX - 1)  /* characters a line may hold: its newline needs one */
#define PARAM_CAP    1000                /* CSI parameters are capped here: no overflow */

void ledit_init(struct ledit *ed, void (*echo)(const char *s, uint32_t n))
{
	memset(ed, 0, sizeof(*ed));
	ed->echo = echo;
}

/* ---- Echo ---- */

/* Echo C N times. */
static void repeat(struct ledit *ed, char c, uint32_t n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	while (n > 0) {
		uint32_t k = n < sizeof(chunk) ? n : (uint32_t)sizeof(chunk);
		ed->echo(chunk, k);
		n -= k;
	}
}

/* Echo buf[from, len): the terminal's cursor ends at len. */
static void show_from(struct ledit *ed, uint32_t from)
{
	if (from < ed->len)
		ed->echo(ed->buf + from, ed->len - from);
}

/* ---- Editing the line ---- */

/* Insert C at the cursor; a byte that does not fit marks the line too long. */
static void insert(struct ledit *ed, char c)
{
	if (ed->len == LINE_CHARS) {
		if (!ed->too_long)
			ed->echo("\a", 1);
		ed->too_long = true;
		return;
	}
	memmove(ed->buf + ed->cur + 1, ed->buf + ed->cur, ed->len - ed->cur);
	ed->buf[ed->cur] = c;
	ed->len++;
	show_from(ed, ed->cur);
	ed->cur++;
	repeat(ed, '\b', ed->len - ed->cur);
}

/* Erase the character at index I < len, the cursor being at I. */
static void erase_at(struct ledit *ed, uint32_t i)
{
	memmove(ed->buf + i, ed->buf + i + 1, ed->len - i - 1);
	ed->len--;
	show_from(ed, i);
	ed->echo(" ", 1);
	repeat(ed, '\b', ed->len - i + 1);
}

static void backspace(struct ledit *ed)
{
	if (ed->cur == 0)
		return;
	ed->echo("\b", 1);
	ed->cur--;
	erase_at(ed, ed->cur);
}

static void delete_under(struct ledit *ed)
{
	if (ed->cur < ed->len)
		erase_at(ed, ed->cur);
}

static void left(struct ledit *ed)
{
	if (ed->cur == 0)
		return;
	ed->echo("\b", 1);
	ed->cur--;
}

static void right(struct ledit *ed)
{
	if (ed->cur == ed->len)
		return;
	ed->echo(ed->buf + ed->cur, 1);
	ed->cur++;
}

static void home(struct ledit *ed)
{
	repeat(ed, '\b', ed->cur);
	ed->cur = 0;
}

static void end(struct ledit *ed)
{
	show_from(ed, ed->cur);
	ed->cur = ed->len;
}

/* Make the line S (N <= LINE_CHARS bytes), the cursor at its end; clears the too-long mark. */
static void replace(struct ledit *ed, const char *s, uint32_t n)
{
	uint32_t old = ed->len;

	home(ed);
	memmove(ed->buf, s, n);
	ed->len = ed->cur = n;
	ed->too_long = false;
	show_from(ed, 0);
	if (old > n) {
		repeat(ed, ' ', old - n);
		repeat(ed, '\b', old - n);
	}
}

/* ---- History ---- */

/* Ring index of the K-th newest line kept (1 <= K <= hist_count). */
static uint32_t hist_index(const struct ledit *ed, uint32_t k)
{
	return (ed->hist_newest + PARAM_TTY_HISTORY - (k - 1)) % PARAM_TTY_HISTORY;
}

/* Keep the finished line in the history, unless it is empty or equals the newest. */
static void remember(struct ledit *ed)
{
	if (ed->len == 0)
		return;
	if (ed->hist_count > 0) {
		uint32_t i = ed->hist_newest;
		if (ed->hist_len[i] == ed->len && memcmp(ed->hist[i], ed->buf, ed->len) == 0)
			return;
		ed->hist_newest = (i + 1) % PARAM_TTY_HISTORY;
	}
	memcpy(ed->hist[ed->hist_newest], ed->buf, ed->len);
	ed->hist_len[ed->hist_newest] = ed->len;
	if (ed->hist_count < PARAM_TTY_HISTORY)
		ed->hist_count++;
}

/* Show the next older line of the history (Up); the new line is saved first. */
static void older(struct ledit *ed)
{
	if (ed->browse == ed->hist_count)
		return;
	if (ed->browse == 0) {
		memcpy(ed->saved, ed->buf, ed->len);
		ed->saved_len = ed->len;
	}
	ed->browse++;
	uint32_t i = hist_index(ed, ed->browse);
	replace(ed, ed->hist[i], ed->hist_len[i]);
}

/* Show the next newer line (Down), or the saved new line after the newest. */
static void newer(struct ledit *ed)
{
	if (ed->browse == 0)
		return;
	ed->browse--;
	if (ed->browse == 0) {
		replace(ed, ed->saved, ed->saved_len);
	} else {
		uint32_t i = hist_index(ed, ed->browse);
		replace(ed, ed->hist[i], ed->hist_len[i]);
	}
}

/* ---- Ending a line ---- */

/*
 * End the line (NEWLINE: with CR or LF, else Ctrl-D): the cursor goes to
 * its end, a newline is echoed, and the line is kept in the history, or
 * forgotten if it was too long.
 */
static enum ledit_result finish(struct ledit *ed, bool newline)
{
	end(ed);
	if (newline)
		ed->echo("\n", 1);
	ed->browse = 0;
	if (ed->too_long) {
		ed->len = ed->cur = 0;
		ed->too_long = false;
		return LEDIT_TOO_LONG;
	}
	remember(ed);
	ed->newline = newline;
	return LEDIT_LINE;
}

uint32_t ledit_take(struct ledit *ed, char *out)
{
	uint32_t n = ed->len;

	memcpy(out, ed->buf, n);
	if (ed->newline)
		out[n++] = '\n';
	ed->len = ed->cur = 0;
	ed->newline = false;
	return n;
}

/* ---- Escape sequences ---- */

/* The final byte C of ESC [ PARAM C (or of ESC O C, PARAM 0). */
static void key(struct ledit *ed, char c, uint32_t param)
{
	if (c == '~') {
		if (param == 1 || param == 7)
			home(ed);
		else if (param == 4 || param == 8)
			end(ed);
		else if (param == 3)
			delete_under(ed);
		return;
	}
	if (param > 1)
		return;
	switch (c) {
	case 'A': older(ed); break;
	case 'B': newer(ed); break;
	case 'C': right(ed); break;
	case 'D': left(ed); break;
	case 'H': home(ed); break;
	case 'F': end(ed); break;
	default: break;              /* a key the editor does not know: dropped */
	}
}

/*
 * Feed C to the escape sequence being read. Returns true if C was part of
 * it; false if C ended it unfinished (a control byte), and C is then
 * handled as a byte of its own.
 */
static bool escape(struct ledit *ed, char c)
{
	uint8_t b = (uint8_t)c;
	enum ledit_esc state = ed->esc;

	ed->esc = LEDIT_ESC_NONE;
	if (state == LEDIT_ESC_START) {
		if (c == '[') {
			ed->esc = LEDIT_ESC_CSI;
			ed->esc_param = 0;
			ed->esc_more = false;
			return true;
		}
		if (c == 'O') {
			ed->esc = LEDIT_ESC_SS3;
			return true;
		}
		return false;
	}
	if (b >= 0x40 && b <= 0x7E) {                /* a final byte */
		if (state == LEDIT_ESC_SS3)
			key(ed, c, 0);
		else if (!ed->esc_more)
			key(ed, c, ed->esc_param);
		return true;
	}
	if (state == LEDIT_ESC_CSI && b >= 0x20 && b <= 0x3F) {
		if (c >= '0' && c <= '9') {
			uint32_t p = ed->esc_param * 10 + (uint32_t)(c - '0');
			ed->esc_param = p < PARAM_CAP ? p : PARAM_CAP;
		} else {
			ed->esc_more = true;         /* several parameters, or private ones */
		}
		ed->esc = LEDIT_ESC_CSI;
		return true;
	}
	return false;
}

/* ---- The entry point ---- */

enum ledit_result ledit_input(struct ledit *ed, char c)
{
	bool was_cr = ed->after_cr;

	ed->after_cr = c == '\r';
	if (ed->esc != LEDIT_ESC_NONE && escape(ed, c))
		return LEDIT_EDITING;
	switch (c) {
	case '\r':
		return finish(ed, true);
	case '\n':
		return was_cr ? LEDIT_EDITING : finish(ed, true);
	case CTRL_D:
		return finish(ed, false);
	case ESC:
		ed->esc = LEDIT_ESC_START;
		break;
	case BS:
	case DEL:
		backspace(ed);
		break;
	case CTRL_U:
		replace(ed, "", 0);
		break;
	case CTRL_A:
		home(ed);
		break;
	case CTRL_E:
		end(ed);
		break;
	default:
		if ((uint8_t)c >= ' ' && (uint8_t)c < DEL)
			insert(ed, c);
		break;                       /* other control bytes are dropped */
	}
	return LEDIT_EDITING;
}
