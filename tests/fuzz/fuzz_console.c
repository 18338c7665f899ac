/* fuzz_console.c - what zcmm run makes of Hercules's output lines
 * (tools/conline.c: line kinds, host records, @exit) and of @result
 * payloads (tools/report.c): no crash, no leak, no undefined behaviour on
 * any line, whatever a guest or Hercules prints. */
#include "tests/fuzz/fuzz.h"
#include "tools/conline.h"
#include "tools/report.h"
#include "tools/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *line, *save = NULL;
	struct recset rs;
	struct con_seq seq;

	memset(&rs, 0, sizeof rs);
	memset(&seq, 0, sizeof seq);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct con_line cl;
		const char *rest;
		int st;

		con_classify(line, &cl);
		(void)con_is_disabled_wait(line);
		(void)con_is_glibc_abort(line);
		if (cl.kind != CON_HOST)
			continue;
		(void)con_seq_note(&seq, cl.seq);
		switch (con_record(cl.payload, &rest)) {
		case REC_EXIT:
			(void)con_exit_status(rest, &st);
			break;
		case REC_RESULT:
			(void)recset_add(&rs, rest);
			break;
		default:
			break;
		}
	}
	recset_free(&rs);
	free(text);
	return 0;
}
