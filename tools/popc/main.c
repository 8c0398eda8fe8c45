/*
 * popc driver: reads a Popcorn source file, compiles it to TAL text and
 * runs the TAL assembler (talas) on the text to write the object.
 *
 * Usage: popc FILE.pop -o FILE.to [-S] [--talas PATH]
 *   -S       also keep the TAL text, as FILE.tas beside the object
 *   --talas  the assembler to run (default: talas beside popc)
 * Errors: "file:line:col: message", the source line and a caret; exit 1.
 * An internal error (popc's own bug: talas or the verifier refused its
 * output) exits 3; a bad command line or a failed system call, 2.
 * Invariant: FILE.to is written only for an object the verifier accepted
 * (certify.c): the object is made under a temporary name and renamed;
 * an output that is the source itself is refused before anything runs.
 */
#include "popc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Temporary files, removed however popc ends (atexit). */
static char *tmp_tas, *tmp_obj;

static void remove_temporaries(void)
{
	if (tmp_tas)
		unlink(tmp_tas);
	if (tmp_obj)
		unlink(tmp_obj);
}

/* Refuse to write OUT (WHAT: "the object") when it is the source IN. */
static void not_the_source(const char *in, const char *out, const char *what)
{
	struct stat a, b;

	if (stat(in, &a) == 0 && stat(out, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		fprintf(stderr, "popc: %s %s would overwrite the source %s: choose another name\n",
		        what, out, in);
		exit(2);
	}
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
	int i;

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
	n = strlen(out);
	tas = popc_alloc(n + 8);
	if (n > 3 && !strcmp(out + n - 3, ".to"))
		snprintf(tas, n + 8, "%.*s.tas", (int)(n - 3), out);
	else
		snprintf(tas, n + 8, "%s.tas", out);
	not_the_source(in, out, "the object");
	if (keep)
		not_the_source(in, tas, "the TAL text");
	atexit(remove_temporaries);
	if (!keep) {
		tas = popc_alloc(n + 32);
		snprintf(tas, n + 32, "%s.%d.tas", out, (int)getpid());
		tmp_tas = tas;
	}
	tmp_obj = popc_alloc(n + 32);
	snprintf(tmp_obj, n + 32, "%s.%d.tmp", out, (int)getpid());

	prog.file = in;
	prog.src = read_all(in);
	popc_prog = &prog;
	popc_parse(&prog);
	popc_check(&prog);
	fp = fopen(tas, "w");
	if (!fp) {
		perror(tas);
		return 2;
	}
	popc_gen(&prog, fp);
	if (fclose(fp)) {
		perror(tas);
		return 2;
	}
	popc_certify(&prog, talas, tas, tmp_obj);
	if (rename(tmp_obj, out)) {
		perror(out);
		return 2;
	}
	tmp_obj = NULL;
	return 0;
}
