/*
 * wc: count lines, words and bytes.
 *
 *   wc [-l] [-w] [-c] [FILE...]
 *
 * Prints "LINES WORDS BYTES NAME" for each FILE (standard input when none,
 * or "-"), only the counts asked for when options are given, and a
 * "total" line for more than one FILE. A word is a run of characters
 * other than space, tab, newline, CR, VT and FF. Exits 0, or 1 if a FILE
 * could not be read.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int show_lines, show_words, show_bytes;
static unsigned long total[3];

/* Print the counts C (lines, words, bytes) and NAME (none when NULL). */
static void report(const unsigned long c[3], const char *name)
{
	const int *show[3] = { &show_lines, &show_words, &show_bytes };
	const char *sep = "";
	for (int k = 0; k < 3; k++) {
		if (*show[k]) {
			printf("%s%7lu", sep, c[k]);
			sep = " ";
		}
	}
	printf(name ? " %s\n" : "\n", name);
}

/* Count FD (NAME for messages, and the line); 0 or 1. */
static int count(int fd, const char *name, const char *label)
{
	static char buf[1024];
	unsigned long c[3] = { 0, 0, 0 };
	int in_word = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c[2] += (unsigned long)n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c[0]++;
			if (isspace((unsigned char)buf[i])) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c[1]++;
			}
		}
	}
	if (n < 0) {
		fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
		return 1;
	}
	for (int k = 0; k < 3; k++)
		total[k] += c[k];
	report(c, label);
	return 0;
}

int main(int argc, char *argv[])
{
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'l') {
				show_lines = 1;
			} else if (*o == 'w') {
				show_words = 1;
			} else if (*o == 'c') {
				show_bytes = 1;
			} else {
				fprintf(stderr, "wc: -%c: unknown option\n"
					"usage: wc [-l] [-w] [-c] [FILE...]\n", *o);
				return 2;
			}
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	if (i == argc)
		return count(STDIN_FILENO, "standard input", NULL);
	int files = argc - i;
	for (; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= count(STDIN_FILENO, "standard input", "-");
			continue;
		}
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= count(fd, argv[i], argv[i]);
		close(fd);
	}
	if (files > 1)
		report(total, "total");
	return status;
}
