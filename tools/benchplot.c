/* benchplot.c - zcmm bench's pictures: samples.tsv (the page states of
 * every run over time), the data files and gnuplot variables that the
 * script bench/plots.gp draws (throughput by policy with its spread,
 * paging by policy, states over time), and the gnuplot run. */
#define _GNU_SOURCE
#include "tools/benchplot.h"
#include "tools/child.h"
#include "tools/report.h"
#include "tools/hercules.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *const state_keys[8] = {
	"Sr", "Sp", "Sz", "Ur", "Uz", "Vr", "Vz", "Pr",
};

void write_samples(const char *dir, const struct bench_run *runs,
		   const struct sample *sm, unsigned ns)
{
	char *p = path_join(dir, "samples.tsv"), line[512];
	FILE *fp = fopen(p, "w");
	struct recset rs;

	if (!fp)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	recset_init(&rs);
	for (unsigned i = 0; i < ns; i++) {
		const struct bench_run *r = &runs[sm[i].run];
		int n = snprintf(line, sizeof line,
				 "sample id=%s/%s/r%u/%.0f variant=%s policy=%s repeat=%u t_ms=%.0f frames_free=%.0f",
				 r->variant, r->policy, r->repeat, sm[i].t_ms, r->variant,
				 r->policy, r->repeat, sm[i].t_ms, sm[i].frames_free);

		for (unsigned k = 0; k < 8; k++)
			n += snprintf(line + n, sizeof line - (size_t)n, " %s=%.0f",
				      state_keys[k], sm[i].st[k]);
		if (!isnan(sm[i].saved))
			n += snprintf(line + n, sizeof line - (size_t)n,
				      " frames_saved=%.0f", sm[i].saved);
		recset_add(&rs, line);
	}
	if (recset_write_tsv(&rs, fp) < 0 || fclose(fp) != 0)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	recset_free(&rs);
	free(p);
}

static void datnum(FILE *fp, double v)
{
	if (isnan(v))
		fputs(" ?", fp);
	else
		fprintf(fp, " %.6g", v);
}

static int has_runs(const struct bench_run *runs, unsigned n,
		    const char *v, const char *p)
{
	for (unsigned i = 0; i < n; i++)
		if ((!v || !strcmp(runs[i].variant, v)) &&
		    (!p || !strcmp(runs[i].policy, p)))
			return 1;
	return 0;
}

int make_plots(const char *dir, const struct scenario *s,
		      const struct bench_run *runs, unsigned n,
		      const struct sample *sm, unsigned ns, const char *script)
{
	char *p, err[ZERR_MAX];
	FILE *gp, *tp, *pp;
	unsigned x = 0, nv = 0;
	int st;
	pid_t pid;

	p = path_join(dir, "plot-throughput.dat");
	tp = fopen(p, "w");
	free(p);
	p = path_join(dir, "plot-paging.dat");
	pp = fopen(p, "w");
	free(p);
	p = path_join(dir, "plot-vars.gp");
	gp = fopen(p, "w");
	free(p);
	if (copy_file(script, dir, "plots.gp", err) < 0) {
		zerr("%s: no plots", err);
		return -1;
	}
	if (!tp || !pp || !gp)
		zdie(ZX_USAGE, "cannot write the plot files in %s: %s", dir, strerror(errno));
	fprintf(tp, "# x label median min max colour\n");
	fprintf(pp, "# label pageouts pageins discards discard_faults (medians)\n");
	for (unsigned v = 0; v < s->nvar; v++)
		nv += has_runs(runs, n, s->var[v].name, NULL);
	for (unsigned v = 0; v < s->nvar; v++) {
		const char *vn = s->var[v].name;

		if (!has_runs(runs, n, vn, NULL))
			continue;
		for (unsigned q = 0; q < s->npol; q++) {
			const char *pn = s->pol[q].name;
			struct spread t = bench_spread(runs, n, vn, pn, "throughput");
			char label[80];

			if (!has_runs(runs, n, vn, pn))
				continue;
			if (nv > 1)
				snprintf(label, sizeof label, "%s %s", pn, vn);
			else
				snprintf(label, sizeof label, "%s", pn);
			fprintf(tp, "%u \"%s\"", x++, label);
			datnum(tp, t.median);
			datnum(tp, t.min);
			datnum(tp, t.max);
			fprintf(tp, " %u\n", q + 1);
			fprintf(pp, "\"%s\"", label);
			datnum(pp, bench_spread(runs, n, vn, pn, "pageouts").median);
			datnum(pp, bench_spread(runs, n, vn, pn, "pageins").median);
			datnum(pp, bench_spread(runs, n, vn, pn, "discards").median);
			datnum(pp, bench_spread(runs, n, vn, pn, "discard_faults").median);
			fputc('\n', pp);
		}
		x++;    /* a gap between variants */
	}
	fclose(tp);
	fclose(pp);

	/* gnuplot variables for bench/plots.gp (strings quoted for gnuplot) */
	fprintf(gp, "# plot-vars.gp - written by zcmm bench for plots.gp\n");
	fprintf(gp, "scenario = '%s'\nxmax = %u\nvariants = '", s->name, x ? x - 1 : 1);
	for (unsigned v = 0, k = 0; v < s->nvar; v++)
		if (has_runs(runs, n, s->var[v].name, NULL))
			fprintf(gp, "%s%s", k++ ? " " : "", s->var[v].name);
	fprintf(gp, "'\n");
	nv = 0;
	/* states over time: per variant, a data file per policy from its
	 * first ok repeat (else the first): stacked MiB of guest pages */
	for (unsigned v = 0; v < s->nvar; v++) {
		const char *vn = s->var[v].name;
		double tmax = 0;

		if (!has_runs(runs, n, vn, NULL))
			continue;
		fprintf(gp, "policies_%u = '", ++nv);
		for (unsigned q = 0, k = 0; q < s->npol; q++) {
			const char *pn = s->pol[q].name;
			int pick = -1;
			char name[128];
			FILE *df;

			if (!has_runs(runs, n, vn, pn))
				continue;
			fprintf(gp, "%s%s", k++ ? " " : "", pn);
			for (unsigned i = 0; i < n; i++)
				if (!strcmp(runs[i].variant, vn) && !strcmp(runs[i].policy, pn) &&
				    (pick < 0 || (runs[pick].status && !runs[i].status)))
					pick = (int)i;
			snprintf(name, sizeof name, "plot-states-%s-%s.dat", vn, pn);
			p = path_join(dir, name);
			if (!(df = fopen(p, "w")))
				zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
			free(p);
			/* cumulative: Sr, +Pr, +Vr, +Ur, +Sp, +Vz (MiB); then
			   the frames sharing saves (MiB, not stacked) */
			fprintf(df, "# t_s Sr +Pr +Vr +Ur +Sp +Vz (MiB, cumulative) saved-by-sharing, run repeat %u\n",
				pick >= 0 ? runs[pick].repeat : 0);
			for (unsigned i = 0; i < ns; i++) {
				static const int order[6] = { 0, 7, 5, 3, 1, 6 };
				double c = 0;

				if ((int)sm[i].run != pick || isnan(sm[i].t_ms))
					continue;
				if (sm[i].t_ms / 1000 > tmax)
					tmax = sm[i].t_ms / 1000;
				fprintf(df, "%.3f", sm[i].t_ms / 1000);
				for (int k2 = 0; k2 < 6; k2++) {
					double vv = sm[i].st[order[k2]];

					c += isnan(vv) ? 0 : vv * 4096.0 / MiB;
					fprintf(df, " %.4f", c);
				}
				fprintf(df, " %.4f\n", isnan(sm[i].saved) ? 0 :
					sm[i].saved * 4096.0 / MiB);
			}
			fclose(df);
		}
		fprintf(gp, "'\ntmax_%u = %g\n", nv, tmax > 0 ? tmax : 1);
	}
	fclose(gp);

	{
		static char *const argv[] = { "gnuplot", "plots.gp", NULL };
		char *lp = path_join(dir, "gnuplot.log");
		int lfd = open(lp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		struct child_io io = { .dir = dir, .out_fd = lfd };

		free(lp);
		if (lfd < 0 || (pid = child_start(argv, &io, err)) < 0) {
			zerr("%s: no plots (install the Debian package gnuplot-nox)",
			     lfd < 0 ? "cannot write gnuplot.log" : err);
			if (lfd >= 0)
				close(lfd);
			return -1;
		}
		close(lfd);
		st = child_wait(pid);
	}
	if (st) {
		zerr("gnuplot failed: see %s/gnuplot.log", dir);
		return -1;
	}
	return 0;
}
