/*
 * tal-oracle: the fuzzer's verdict oracle (oracle.h) run alone on object
 * files, without the verifier, so its own tests can show it fires on bad
 * objects and stays quiet on good ones (tests/tal/oracle.sh).
 *
 * Usage: tal-oracle FILE.to...   prints "FILE: ok N instructions" or "FILE: fires: WHY"
 *                                per file; exit 0, or 2 if a file is unreadable
 */
#include <stdio.h>
#include <stdlib.h>
#include "oracle.h"

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 22];
	char why[200];
	uint32_t ninsns;
	size_t len;
	FILE *fp;
	int i;

	for (i = 1; i < argc; i++) {
		if (!(fp = fopen(argv[i], "rb"))) {
			perror(argv[i]);
			return 2;
		}
		len = fread(buf, 1, sizeof buf, fp);
		fclose(fp);
		if (oracle_check(buf, len, &ninsns, why, sizeof why))
			printf("%s: fires: %s\n", argv[i], why);
		else
			printf("%s: ok %u instructions\n", argv[i], ninsns);
	}
	return 0;
}
