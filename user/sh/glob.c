/*
 * sh: `*` patterns in the last component of a path (contract in sh.h).
 *
 * The directory part of the pattern is taken as written; each entry of
 * that directory whose name matches the last component is a match. A
 * '*' matches any run of characters, a quoted '*' only itself; a name
 * starting with '.' matches only a component that starts with a '.'.
 * Invariant: the names handed out live in this file's table, sorted, until
 * the next call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>

#include "sh.h"

#define GLOB_NAME_MAX (2 * PATH_MAX_LEN)   /* directory part plus an entry's name */

static char found[ARGV_MAX][GLOB_NAME_MAX];
static char *sorted[ARGV_MAX];

/*
 * Does NAME match the pattern PAT (N bytes; LIT[i] nonzero where PAT[i]
 * is quoted)? A '*' that fails to cover enough is widened by one, from
 * the last '*' seen: linear in practice, never exponential.
 */
static int match(const char *pat, const char *lit, size_t n, const char *name)
{
	size_t p = 0, star = n, resume = 0;
	size_t i = 0;

	while (name[i]) {
		if (p < n && pat[p] == '*' && !lit[p]) {
			star = p++;
			resume = i;
		} else if (p < n && pat[p] == name[i]) {
			p++;
			i++;
		} else if (star < n) {
			p = star + 1;
			i = ++resume;
		} else {
			return 0;
		}
	}
	while (p < n && pat[p] == '*' && !lit[p])
		p++;
	return p == n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sh_glob(const char *pattern, const char *lit, char ***names)
{
	const char *slash = strrchr(pattern, '/');
	size_t dir_len = slash ? (size_t)(slash - pattern) + 1 : 0;
	const char *last = pattern + dir_len;
	char dir[GLOB_NAME_MAX];
	struct dirent e;
	int n = 0;

	for (size_t i = 0; i < dir_len; i++)
		if (pattern[i] == '*' && !lit[i])
			return 0;               /* '*' only in the last component */
	if (dir_len >= PATH_MAX_LEN)
		return 0;                   /* no such directory can exist */
	if (dir_len == 0)
		strcpy(dir, ".");
	else if (dir_len == 1)
		strcpy(dir, "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)dir_len - 1, pattern);
	for (int i = 0; readdir(dir, i, &e) == 1; i++) {
		if (e.name[0] == '.' && last[0] != '.')
			continue;
		if (!match(last, lit + dir_len, strlen(last), e.name))
			continue;
		if (n == ARGV_MAX) {
			fprintf(stderr, "sh: %s: too many matches (at most %d)\n", pattern, ARGV_MAX);
			return -1;
		}
		snprintf(found[n], sizeof(found[n]), "%.*s%s", (int)dir_len, pattern, e.name);
		sorted[n] = found[n];
		n++;
	}
	qsort(sorted, (size_t)n, sizeof(sorted[0]), by_name);
	*names = sorted;
	return n;
}
