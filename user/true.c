/*
 * true: do nothing and exit with status 0.
 *
 * The smallest program there is, so `bench` can time spawn + exit + wait
 * with as little of the child's own work in the figure as possible.
 */

int main(void)
{
	return 0;
}
