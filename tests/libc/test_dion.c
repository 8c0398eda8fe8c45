/*
 * Tests of the pure part of <dionisys.h> (libc/dion_names.c): object kinds
 * to names and back, and attribute rights as text.
 */
#include "check.h"
#include "tl.h"
#include "talos/dionisys.h"

void test_dion_kind_names(void)
{
	static const char *const names[] = { "sm", "monitor", "handler", "channel", "class", "app" };
	static const int kinds[] = { DION_SM, DION_MONITOR, DION_HANDLER, DION_CHANNEL,
				     DION_CLASS, DION_APP };

	for (int i = 0; i < 6; i++) {
		CHECK_STR(tl_dion_kind_name(kinds[i]), names[i]);
		CHECK_INT(tl_dion_kind_parse(names[i]), kinds[i]);
	}
	CHECK_STR(tl_dion_kind_name(0), "?");
	CHECK_STR(tl_dion_kind_name(7), "?");
	CHECK_STR(tl_dion_kind_name(-1), "?");
	CHECK_INT(tl_dion_kind_parse("mon"), DION_MONITOR);
	CHECK_INT(tl_dion_kind_parse("hand"), DION_HANDLER);
	CHECK_INT(tl_dion_kind_parse("chan"), DION_CHANNEL);
	CHECK_INT(tl_dion_kind_parse("mo"), -1);          /* too short to abbreviate */
	CHECK_INT(tl_dion_kind_parse(""), -1);
	CHECK_INT(tl_dion_kind_parse("monitors"), -1);
	CHECK_INT(tl_dion_kind_parse("SM"), -1);          /* names are lower case */
}

void test_dion_rights_str(void)
{
	char buf[TL_DION_RIGHTS_STR + 4];

	memset(buf, 'x', sizeof(buf));
	CHECK_STR(tl_dion_rights_str(0, buf), "-- -- --");
	CHECK_INT(buf[TL_DION_RIGHTS_STR], 'x');             /* nothing written past the text */
	CHECK_STR(tl_dion_rights_str(DION_R_ALL, buf), "rw rw rw");
	CHECK_STR(tl_dion_rights_str(DION_R_OWNER_READ | DION_R_OWNER_WRITE | DION_R_EXT_READ |
				     DION_R_OTHER_READ, buf), "rw r- r-");
	CHECK_STR(tl_dion_rights_str(DION_R_EXT_WRITE | DION_R_OTHER_WRITE, buf), "-- -w -w");
	CHECK_STR(tl_dion_rights_str(0xFFFFFFC0u, buf), "-- -- --");   /* unknown bits ignored */
	CHECK_PTR(tl_dion_rights_str(0, buf), buf);
}
