/*
 * popc certification: the last step before an object reaches the user.
 * Runs talas on the generated text, then the TAL verifier (the tal/
 * library the kernel's loader and talcheck are built from) on the object
 * talas wrote, and only then lets main.c put the object where the user
 * asked for it.
 *
 * A talas refusal for one of the object limits of include/talos/param.h
 * and a verifier refusal for the stack budget are the user's: they are
 * reported at the source line that passes the limit (talas names a line
 * of the text; the text carries the source line of each statement and
 * declaration as "; N:" comments). Any other refusal is popc's own bug,
 * reported as an internal error naming the tool's message.
 *
 * Invariant (the certifying promise, popc.h): popc_certify returns only
 * for an object tal_verify() accepted.
 */
#include "popc.h"
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../tal/verify.h"

extern char **environ;

/* The whole file PATH, its length in *LEN; NULL if unreadable. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	if (!fp)
		return NULL;
	*len = 0;
	for (;;) {
		if (*len + 1 >= cap) {
			cap = cap * 2 + 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "popc: out of memory\n");
				exit(2);
			}
		}
		n = fread(buf + *len, 1, cap - *len - 1, fp);
		if (!n)
			break;
		*len += n;
	}
	fclose(fp);
	buf[*len] = '\0';
	return buf;
}

/* The source line of text line TLINE of the TAL file TAS: the last "; N:"
 * comment at or before it, or 0. */
static int source_line(const char *tas, long tline)
{
	size_t len;
	char *text = slurp(tas, &len), *s;
	long l = 1;
	int src = 0;

	if (!text)
		return 0;
	for (s = text; *s && l <= tline; l++) {
		const char *c = s + strspn(s, "\t");
		if (c[0] == ';' && c[1] == ' ' && c[2] >= '1' && c[2] <= '9' && strchr(c, ':'))
			src = atoi(c + 2);
		s += strcspn(s, "\n");
		if (*s)
			s++;
	}
	free(text);
	return src;
}

/* Run TALAS IN -o OUT with its messages collected; its exit status, and
 * its first message line in MSG (N bytes). */
static int run_talas(const char *talas, const char *in, const char *out, char *msg, size_t n)
{
	char *argv[] = { (char *)talas, (char *)in, "-o", (char *)out, NULL };
	posix_spawn_file_actions_t fa;
	char sink[256], *dst;
	int fd[2], status;
	size_t have = 0, room;
	ssize_t got;
	pid_t pid;

	/* posix_spawn, not fork: cheap even from a big process (the fuzzer) */
	if (pipe(fd) < 0 || posix_spawn_file_actions_init(&fa) ||
	    posix_spawn_file_actions_adddup2(&fa, fd[1], 2) ||
	    posix_spawn_file_actions_addclose(&fa, fd[0]) ||
	    posix_spawn(&pid, talas, &fa, NULL, argv, environ)) {
		fprintf(stderr, "popc: cannot run %s\n", talas);
		exit(2);
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	for (;;) {                     /* keep the first N-1 bytes, drain the rest */
		dst = have < n - 1 ? msg + have : sink;
		room = have < n - 1 ? n - 1 - have : sizeof sink;
		if ((got = read(fd[0], dst, room)) <= 0)
			break;
		if (dst != sink)
			have += (size_t)got;
	}
	close(fd[0]);
	msg[have] = '\0';
	msg[strcspn(msg, "\n")] = '\0';
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Is talas's MSG the refusal of one of the object limits (talas.c)? */
static bool limit_message(const char *msg)
{
	return strstr(msg, "(TAL_MAX_") != NULL;
}

/* The function of the program named NAME (a TAL function name), or NULL. */
static struct pfunc *func_named(struct program *p, const char *name)
{
	for (int i = 0; i < p->nfuncs; i++)
		if (!strcmp(p->funcs[i]->name, name))
			return p->funcs[i];
	return NULL;
}

/* A stack budget refusal: at the first entry point over the budget. */
static void stack_budget(struct program *p, const struct tal_result *res)
{
	const struct tal_obj *o = &res->obj;
	struct tal_export ex;
	struct tal_func tf;
	struct pfunc *f = NULL;
	uint32_t i;

	for (i = 0; i < o->count[TAL_SEC_EXPORTS] && !f; i++) {
		tal_obj_export(o, i, &ex);
		if (res->stack[ex.func] > TAL_MAX_STACK)
			f = func_named(p, tal_obj_str(o, ex.name));
	}
	if (!f && o->handler != TAL_NONE && res->stack[o->handler] > TAL_MAX_STACK) {
		tal_obj_func(o, o->handler, &tf);
		f = func_named(p, tal_obj_str(o, tf.name));
	}
	if (!f)
		popc_internal("the verifier refused the object: %s", res->diag.msg);
	popc_error(f->line, f->col, "%s's deepest call chain needs more stack than an entry "
	           "point may use (TAL_MAX_STACK, %d bytes): make the chain shorter or its "
	           "frames smaller; the verifier says: %s", f->name, TAL_MAX_STACK,
	           res->diag.msg);
}

void popc_certify(struct program *p, const char *talas, const char *tas, const char *obj)
{
	static struct tal_result res;
	char msg[1024], *colon;
	uint8_t *bytes;
	void *arena;
	size_t len;
	int rc, line;

	rc = run_talas(talas, tas, obj, msg, sizeof msg);
	if (rc) {
		if (rc == 1 && limit_message(msg) && (colon = strchr(msg, ':')) &&
		    (line = source_line(tas, strtol(colon + 1, NULL, 10))) > 0)
			popc_error(line, 1, "the program is too large for a TAL object: %s",
			           strchr(colon + 1, ':') ? strchr(colon + 1, ':') + 2 : msg);
		popc_internal("talas rejected the generated text: %s", msg[0] ? msg : "(no message)");
	}
	bytes = (uint8_t *)slurp(obj, &len);
	arena = malloc(TAL_ARENA_MAX);
	if (!bytes || !arena)
		popc_internal("cannot read back the object %s", obj);
	if (tal_verify(bytes, len, arena, TAL_ARENA_MAX, &res) != TAL_OK) {
		if (res.err == TAL_E_STACK_BUDGET)
			stack_budget(p, &res);
		popc_internal("the verifier refused the object: %s", res.diag.msg);
	}
	free(arena);
	free(bytes);
}
