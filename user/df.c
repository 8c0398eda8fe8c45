/*
 * df: how full the filesystem is.
 *
 *   df
 *
 * One line for the ramfs: the pages created files hold (data and index
 * pages) against its budget, the same in KiB, and the files and
 * directories against the table's size (sysinfo). Initrd files take no
 * pages of the budget: they stay in the boot module. Exits 0.
 */
#include <stdio.h>
#include <talos.h>

int main(int argc, char *argv[])
{
	struct sysinfo si;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: df\n");
		return 2;
	}
	if (sysinfo(&si) < 0) {
		perror("df");
		return 1;
	}
	printf("filesystem  pages used/max   KiB used/max      entries used/max\n");
	printf("ramfs       %5u/%-5u      %6u/%-6u      %4u/%u\n", si.fs_pages,
	       si.fs_pages_max, si.fs_pages * 4, si.fs_pages_max * 4, si.fs_nodes,
	       si.fs_nodes_max);
	return 0;
}
