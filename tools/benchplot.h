/* benchplot.h - what zcmm bench's run loop hands its report writer: the
 * page-state samples of every run, written as samples.tsv and plotted
 * (with throughput and paging) by gnuplot. */
#ifndef ZCMM_BENCHPLOT_H
#define ZCMM_BENCHPLOT_H

#include "tools/bench.h"

/* State samples of one run (kind=sample records). */
struct sample {
	unsigned run;           /* index into runs */
	double t_ms, frames_free;
	double saved;           /* frames content sharing saves (host) */
	double st[8];           /* Sr Sp Sz Ur Uz Vr Vz Pr */
};

extern const char *const state_keys[8];

void write_samples(const char *dir, const struct bench_run *runs,
		       const struct sample *sm, unsigned ns);
/* Writes the data files and plot-vars.gp, copies script (plots.gp) in,
 * runs gnuplot. 0 if the PNGs were made. */
int make_plots(const char *dir, const struct scenario *s,
	       const struct bench_run *runs, unsigned n,
	       const struct sample *sm, unsigned ns, const char *script);

#endif
