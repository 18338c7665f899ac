/* benchplot.c - zcmm bench's pictures: samples.csv (the page states of
 * every run over time) and the gnuplot data, script and PNGs: throughput
 * by policy with its spread, paging by policy, states over time. */
#define _GNU_SOURCE
#include "tools/benchplot.h"
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

void write_samples_csv(const char *dir, const struct bench_run *runs,
			      const struct sample *sm, unsigned ns)
{
	char *p = path_join(dir, "samples.csv");
	FILE *fp = fopen(p, "w");

	if (!fp)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	fputs("variant,policy,repeat,t_ms,frames_free", fp);
	for (unsigned k = 0; k < 8; k++)
		fprintf(fp, ",%s", state_keys[k]);
	fputc('\n', fp);
	for (unsigned i = 0; i < ns; i++) {
		const struct bench_run *r = &runs[sm[i].run];

		fprintf(fp, "%s,%s,%u,%.0f,%.0f", r->variant, r->policy, r->repeat,
			sm[i].t_ms, sm[i].frames_free);
		for (unsigned k = 0; k < 8; k++)
			fprintf(fp, ",%.0f", sm[i].st[k]);
		fputc('\n', fp);
	}
	fclose(fp);
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
		      const struct sample *sm, unsigned ns)
{
	char *p;
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
	p = path_join(dir, "plots.gp");
	gp = fopen(p, "w");
	free(p);
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

	fprintf(gp,
"# plots.gp - written by zcmm bench; run `gnuplot plots.gp` here again\n"
"set terminal pngcairo size 1000,560 font 'sans,11' noenhanced\n"
"set datafile missing '?'\n"
"set grid ytics lc rgb '#dddddd'\n"
"set border 3\n"
"set tics nomirror\n"
"set output 'throughput.png'\n"
"set title 'Throughput by policy: %s (median of the repeats, bars: min-max)'\n"
"set ylabel 'work units per wall-clock second'\n"
"set yrange [0:*]\n"
"set xrange [-0.6:%u]\n"
"set style fill solid 0.7 border -1\n"
"set boxwidth 0.75\n"
"set key off\n"
"set xtics rotate by -20\n"
"plot 'plot-throughput.dat' using 1:3:6:xtic(2) with boxes lc variable, \\\n"
"     '' using 1:3:4:5 with yerrorbars lc rgb 'black' pt 0 lw 1.5, \\\n"
"     '' using 1:3:(sprintf('%%.0f', $3)) with labels offset 0,1\n"
"unset xrange\n"
"set output 'paging.png'\n"
"set title 'Page-outs, page-ins, discards without I/O, discard faults: %s (medians)'\n"
"set ylabel 'pages'\n"
"set style data histograms\n"
"set style histogram clustered gap 1\n"
"set style fill solid 0.8 border -1\n"
"set boxwidth 0.9\n"
"set key top left\n"
"plot 'plot-paging.dat' using 2:xtic(1) title 'page-outs' lc rgb '#d62728', \\\n"
"     '' using 3 title 'page-ins' lc rgb '#ff9896', \\\n"
"     '' using 4 title 'discards without I/O' lc rgb '#2ca02c', \\\n"
"     '' using 5 title 'discard faults' lc rgb '#9467bd'\n"
"unset style\n"
"set style fill solid 0.85 noborder\n",
		s->name, x ? x - 1 : 1, s->name);

	/* states over time: one picture per variant, a panel per policy, the
	 * first ok repeat (else the first); stacked MiB of guest pages */
	for (unsigned v = 0; v < s->nvar; v++) {
		const char *vn = s->var[v].name;
		unsigned np = 0, panel = 0;

		if (!has_runs(runs, n, vn, NULL))
			continue;
		double tmax = 0;

		for (unsigned q = 0; q < s->npol; q++)
			np += has_runs(runs, n, vn, s->pol[q].name);
		for (unsigned q = 0; q < s->npol; q++) {
			int pk = -1;

			for (unsigned i = 0; i < n; i++)
				if (!strcmp(runs[i].variant, vn) && !strcmp(runs[i].policy, s->pol[q].name) &&
				    (pk < 0 || (runs[pk].status && !runs[i].status)))
					pk = (int)i;
			for (unsigned i = 0; i < ns; i++)
				if ((int)sm[i].run == pk && sm[i].t_ms / 1000 > tmax)
					tmax = sm[i].t_ms / 1000;
		}
		fprintf(gp,
"set output 'states-%s.png'\n"
"set terminal pngcairo size 1000,%u font 'sans,11' noenhanced\n"
"set multiplot layout %u,1 title 'Guest page states over time, %s / %s (first ok repeat; MiB, stacked)'\n"
"set key outside right top\n"
"set xlabel 'host time, s'\n"
"set ylabel 'MiB'\n"
"set yrange [0:*]\n"
"set xrange [0:%g]\n"
"set xtics norotate\n",
			vn, 90 + 240 * np, np, s->name, vn, tmax > 0 ? tmax : 1);
		for (unsigned q = 0; q < s->npol; q++) {
			const char *pn = s->pol[q].name;
			int pick = -1;
			char name[128];
			FILE *df;

			if (!has_runs(runs, n, vn, pn))
				continue;
			for (unsigned i = 0; i < n; i++)
				if (!strcmp(runs[i].variant, vn) && !strcmp(runs[i].policy, pn) &&
				    (pick < 0 || (runs[pick].status && !runs[i].status)))
					pick = (int)i;
			snprintf(name, sizeof name, "plot-states-%s-%s.dat", vn, pn);
			p = path_join(dir, name);
			if (!(df = fopen(p, "w")))
				zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
			free(p);
			/* cumulative: Sr, +Pr, +Vr, +Ur, +Sp, +Vz (MiB) */
			fprintf(df, "# t_s Sr +Pr +Vr +Ur +Sp +Vz (MiB, cumulative), run repeat %u\n",
				pick >= 0 ? runs[pick].repeat : 0);
			for (unsigned i = 0; i < ns; i++) {
				static const int order[6] = { 0, 7, 5, 3, 1, 6 };
				double c = 0;

				if ((int)sm[i].run != pick || isnan(sm[i].t_ms))
					continue;
				fprintf(df, "%.3f", sm[i].t_ms / 1000);
				for (int k = 0; k < 6; k++) {
					double vv = sm[i].st[order[k]];

					c += isnan(vv) ? 0 : vv * 4096.0 / MiB;
					fprintf(df, " %.4f", c);
				}
				fputc('\n', df);
			}
			fclose(df);
			fprintf(gp,
"set title '%s'\n"
"plot '%s' using 1:7:6 with filledcurves title 'Vz discarded' lc rgb '#9467bd', \\\n"
"     '' using 1:6:5 with filledcurves title 'Sp paged out' lc rgb '#d62728', \\\n"
"     '' using 1:5:4 with filledcurves title 'Ur unused' lc rgb '#c7c7c7', \\\n"
"     '' using 1:4:3 with filledcurves title 'Vr volatile' lc rgb '#98df8a', \\\n"
"     '' using 1:3:2 with filledcurves title 'Pr pot. volatile' lc rgb '#ffbb78', \\\n"
"     '' using 1:2 with filledcurves x1 title 'Sr stable' lc rgb '#1f77b4'\n",
				pn, name);
			panel++;
		}
		fprintf(gp, "unset multiplot\n");
		(void)panel;
	}
	fclose(gp);

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY), err;
		char *lp = path_join(dir, "gnuplot.log");

		err = open(lp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (chdir(dir) < 0)
			_exit(126);
		if (nul >= 0)
			dup2(nul, 0);
		if (err >= 0) {
			dup2(err, 1);
			dup2(err, 2);
		}
		execlp("gnuplot", "gnuplot", "plots.gp", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
			zerr("gnuplot not found: no plots (install the Debian package gnuplot-nox)");
		else
			zerr("gnuplot failed: see %s/gnuplot.log", dir);
		return -1;
	}
	return 0;
}

