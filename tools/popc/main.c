/*
 * popc driver: reads a Popcorn source file, compiles it to TAL text and
 * runs the TAL assembler (talas) on the text to write the object.
 *
 * Usage: popc FILE.pop -o FILE.to [-S] [--talas PATH]
 *   -S       also keep the TAL text, as FILE.tas beside the object
 *   --talas  the assembler to run (default: talas beside popc)
 * Errors: "file:line:col: message", the source line and a caret; exit 1.
 * Invariant: an object is written only for a program popc accepted; a
 * talas failure on popc's own text is reported as an internal error.
 */
#include "popc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct program *popc_prog;

void *popc_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fprintf(stderr, "popc: out of memory\n");
		exit(2);
	}
	return p;
}

char *popc_strdup(const char *s)
{
	char *d = popc_alloc(strlen(s) + 1);

	strcpy(d, s);
	return d;
}

void popc_error(int line, int col, const char *fmt, ...)
{
	const char *s = popc_prog->src, *e;
	va_list ap;
	int l;

	fprintf(stderr, "%s:%d:%d: ", popc_prog->file, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (l = 1; l < line && *s; s++)
		if (*s == '\n')
			l++;
	if (line > 0 && *s) {
		for (e = s; *e && *e != '\n'; e++)
			;
		fprintf(stderr, "  %.*s\n  ", (int)(e - s), s);
		for (l = 1; l < col && s + l - 1 < e; l++)
			fputc(s[l - 1] == '\t' ? '\t' : ' ', stderr);
		fprintf(stderr, "^\n");
	}
	exit(1);
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	long n;

	if (!fp || fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET)) {
		perror(path);
		exit(1);
	}
	buf = popc_alloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(fp);
	if (strlen(buf) != (size_t)n) {
		fprintf(stderr, "%s: contains a NUL byte\n", path);
		exit(1);
	}
	return buf;
}

/* The talas beside this program (argv[0]'s directory). */
static char *default_talas(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	char *p;

	if (!slash)
		return popc_strdup("talas");
	p = popc_alloc((size_t)(slash - argv0) + 8);
	memcpy(p, argv0, (size_t)(slash - argv0));
	strcat(p, "/talas");
	return p;
}

static int run_talas(const char *talas, const char *in, const char *out)
{
	pid_t pid = fork();
	int status;

	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		execl(talas, talas, in, "-o", out, (char *)NULL);
		perror(talas);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: popc FILE.pop -o FILE.to [-S] [--talas PATH]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct program prog;
	const char *in = NULL, *out = NULL;
	char *talas = default_talas(argv[0]), *tas;
	bool keep = false;
	FILE *fp;
	size_t n;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-S"))
			keep = true;
		else if (!strcmp(argv[i], "--talas") && i + 1 < argc)
			talas = argv[++i];
		else if (argv[i][0] != '-' && !in)
			in = argv[i];
		else
			usage();
	}
	if (!in || !out)
		usage();
	prog.file = in;
	prog.src = read_all(in);
	popc_prog = &prog;
	popc_parse(&prog);
	popc_check(&prog);

	n = strlen(out);
	tas = popc_alloc(n + 8);
	if (n > 3 && !strcmp(out + n - 3, ".to"))
		snprintf(tas, n + 8, "%.*s.tas", (int)(n - 3), out);
	else
		snprintf(tas, n + 8, "%s.tas", out);
	if (!keep) {
		char *tmp = popc_alloc(n + 32);
		snprintf(tmp, n + 32, "%s.%d.tas", out, (int)getpid());
		tas = tmp;
	}
	fp = fopen(tas, "w");
	if (!fp) {
		perror(tas);
		return 1;
	}
	popc_gen(&prog, fp);
	if (fclose(fp)) {
		perror(tas);
		return 1;
	}
	rc = run_talas(talas, tas, out);
	if (rc)
		fprintf(stderr, "%s: internal error: talas rejected the generated text %s\n",
		        in, keep ? tas : "(run with -S to keep it)");
	if (!keep)
		unlink(tas);
	return rc ? 1 : 0;
}
