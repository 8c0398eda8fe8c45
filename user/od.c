/*
 * od: dump a file's bytes.
 *
 *   od [-b | -c | -x] [FILE]
 *
 * Each line is the offset (7 octal digits) and the next 16 bytes: -b as
 * octal bytes, -c as characters (\0 \a \b \t \n \v \f \r escaped, other
 * unprintable bytes in octal), -x as hexadecimal 2-byte little-endian
 * words; without an option, octal 2-byte words, as POSIX od does. The last
 * line is the offset of the end. A repeated line is printed in full (no
 * "*"). Standard input when no FILE (or "-"). Exits 0, 1 if FILE could not
 * be read, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define USAGE "usage: od [-b | -c | -x] [FILE]\n"
#define PER_LINE 16

/* Print one line of N bytes at OFFSET in format FMT ('o', 'b', 'c', 'x'). */
static void line(unsigned long offset, const unsigned char *b, int n, char fmt)
{
	printf("%07lo", offset);
	for (int i = 0; i < n; i++) {
		unsigned c = b[i];
		if (fmt == 'b') {
			printf(" %03o", c);
		} else if (fmt == 'c') {
			const char *esc = strchr("\a\b\t\n\v\f\r", (int)c);
			if (c == 0)
				printf("  \\0");
			else if (esc && c)
				printf("  \\%c", "abtnvfr"[esc - "\a\b\t\n\v\f\r"]);
			else if (c >= 32 && c < 127)
				printf("   %c", c);
			else
				printf(" %03o", c);
		} else {
			unsigned w = c | (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0);
			printf(fmt == 'x' ? " %04x" : " %06o", w);
			i++;
		}
	}
	printf("\n");
}

int main(int argc, char *argv[])
{
	static unsigned char buf[PER_LINE];
	char fmt = 'o';
	int i = 1, fd = STDIN_FILENO, have = 0;
	unsigned long offset = 0;
	ssize_t n;

	if (i < argc && (strcmp(argv[i], "-b") == 0 || strcmp(argv[i], "-c") == 0 ||
			 strcmp(argv[i], "-x") == 0))
		fmt = argv[i++][1];
	if (argc - i > 1 || (i < argc && argv[i][0] == '-' && argv[i][1])) {
		fprintf(stderr, USAGE);
		return 2;
	}
	const char *name = i < argc ? argv[i] : "-";
	if (strcmp(name, "-") != 0 && (fd = open(name, O_RDONLY)) < 0) {
		fprintf(stderr, "od: %s: %s\n", name, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf + have, (size_t)(PER_LINE - have))) > 0) {
		have += (int)n;
		if (have == PER_LINE) {
			line(offset, buf, have, fmt);
			offset += PER_LINE;
			have = 0;
		}
	}
	if (n < 0) {
		fprintf(stderr, "od: %s: %s\n", name, strerror(errno));
		return 1;
	}
	if (have > 0)
		line(offset, buf, have, fmt);
	printf("%07lo\n", offset + (unsigned long)have);
	return 0;
}
