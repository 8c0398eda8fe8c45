/*
 * <ctype.h>: character classes and case mapping (C11 7.4), for the "C"
 * locale, the only one TalOS has.
 *
 * Each function takes an int that is EOF or an unsigned char value. Only
 * the 128 ASCII characters belong to any class: EOF and the values 128-255
 * answer false to every predicate and are returned unchanged by toupper and
 * tolower. Deviation: other ints (undefined in C) are treated like EOF
 * instead of indexing outside a table.
 */
#ifndef _CTYPE_H
#define _CTYPE_H

int isalpha(int c);   /* letter: A-Z a-z */
int isdigit(int c);   /* decimal digit: 0-9 */
int isalnum(int c);   /* letter or decimal digit */
int isspace(int c);   /* white space: space \t \n \v \f \r */
int isupper(int c);   /* upper-case letter: A-Z */
int islower(int c);   /* lower-case letter: a-z */
int isxdigit(int c);  /* hexadecimal digit: 0-9 A-F a-f */
int isprint(int c);   /* printing character, space included: 0x20-0x7e */
int isgraph(int c);   /* printing character other than space: 0x21-0x7e */
int ispunct(int c);   /* printing character that is not space or alphanumeric */
int iscntrl(int c);   /* control character: 0x00-0x1f and 0x7f */

int toupper(int c);   /* the upper-case letter for a lower-case one, else C */
int tolower(int c);   /* the lower-case letter for an upper-case one, else C */

#endif /* _CTYPE_H */
