/* console.h - the line protocol from the host to the zcmm CLI.
 * The host prints every line with DIAG 8 "msgnoh * <line>"; a host line is
 *   zcmm:NNNNNN <payload>       (NNNNNN: decimal sequence number, mod 1e6)
 * so the CLI can tell host lines from Hercules's own and notice a lost one.
 * A payload that starts with '@' is a record for the CLI, not for people.
 * Only the host starts a payload: a guest's console text comes as
 * "[name] text" with bytes outside 0x20-0x7E as '.', and the rest of a
 * line longer than ZCMM_CONSOLE_MAX follows on lines that start "+ ". */
#ifndef ZCMM_CONSOLE_H
#define ZCMM_CONSOLE_H

#define ZCMM_CONSOLE_TAG      "zcmm:"   /* then 6 digits and one space  */
#define ZCMM_CONSOLE_SEQ_MOD  1000000
#define ZCMM_CONSOLE_MAX      230       /* payload bytes per line       */

/* Records (payload prefixes):
 *   @exit N                  the host's exit status; Hercules quits next
 *   @result KIND key=val ... a result record; KIND is guest, total or host;
 *                            several lines with the same KIND and id=
 *                            are one record (keys merge, in order)
 *   @progress key=val ...    progress of a long run                      */
#define ZCMM_REC_EXIT     "@exit "
#define ZCMM_REC_RESULT   "@result "
#define ZCMM_REC_PROGRESS "@progress "

/* Exit statuses the host uses. */
#define ZCMM_EXIT_OK      0
#define ZCMM_EXIT_FAIL    1   /* a test or a guest failed               */
#define ZCMM_EXIT_PANIC   70  /* the host panicked                      */

#endif
