# plots.gp - the plots of a zcmm bench report, drawn from its runs.tsv and
# samples.tsv. zcmm bench copies this file into the report directory with
# plot-vars.gp (the scenario's name, the variants and policies that have
# finished runs, the guests' names) and runs `gnuplot plots.gp` there; run
# it again there to redraw.
load 'plot-vars.gp'

set terminal pngcairo size 1000,560 font 'sans,11' noenhanced
set datafile separator '\t'
set datafile columnheaders
set datafile missing NaN        # rows of other runs: lines go on past them
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror

# the rows of a variant and policy; of the finished ones (exit 0)
is(v, p) = strcol('variant') eq v && strcol('policy') eq p
ok(v, p) = is(v, p) && column('exit') == 0
# `eval spread(E)`: the median, min and max of expression E over the
# finished runs of v and p into med, lo and hi (NaN: none)
spread(e) = sprintf("stats 'runs.tsv' using (ok(v, p) ? %s : NaN) nooutput; \
	med = exists('STATS_median') ? STATS_median : NaN; \
	lo = exists('STATS_min') ? STATS_min : NaN; hi = exists('STATS_max') ? STATS_max : NaN", e)
np = words(variants) > 1

# throughput by policy: medians, with the repeats' min-max as error bars;
# page-outs, page-ins, discards and discard faults by policy (medians)
set print $bars
set print $paging
x = 0
do for [k = 1:words(variants)] {
	v = word(variants, k)
	pols = value(sprintf('policies_%d', k))
	do for [j = 1:words(pols)] {
		p = word(pols, j)
		label = np ? p.' '.v : p
		eval spread("column('throughput')")
		set print $bars append
		print sprintf('%d "%s" %g %g %g %d', x, label, med, lo, hi, j)
		eval spread("column('pageouts')")
		po = med
		eval spread("column('pageins')")
		pi = med
		eval spread("column('discard_u') + column('discard_v') + column('discard_p')")
		di = med
		eval spread("column('discard_faults')")
		df = med
		set print $paging append
		print sprintf('"%s" %g %g %g %g', label, po, pi, di, df)
		x = x + 1
	}
	x = x + 1       # a gap between variants
}
unset print
set datafile nocolumnheaders    # the blocks above have no header

set output 'throughput.png'
set title sprintf('Throughput by policy: %s (median of the repeats, bars: min-max)', scenario)
set ylabel 'work units per wall-clock second'
set yrange [0:*]
set xrange [-0.6:x - 1]
set style fill solid 0.7 border -1
set boxwidth 0.75
set key off
set xtics rotate by -20
set datafile separator whitespace
plot $bars using 1:3:6:xtic(2) with boxes lc variable, \
     '' using 1:3:4:5 with yerrorbars lc rgb 'black' pt 0 lw 1.5, \
     '' using 1:3:(sprintf('%.0f', $3)) with labels offset 0,1
unset xrange

set output 'paging.png'
set title sprintf('Page-outs, page-ins, discards without I/O, discard faults: %s (medians)', scenario)
set ylabel 'pages'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top left
plot $paging using 2:xtic(1) title 'page-outs' lc rgb '#d62728', \
     '' using 3 title 'page-ins' lc rgb '#ff9896', \
     '' using 4 title 'discards without I/O' lc rgb '#2ca02c', \
     '' using 5 title 'discard faults' lc rgb '#9467bd'
unset style
set style fill solid 0.85 noborder
set datafile separator '\t'
set datafile columnheaders

# over time, a picture per variant and a panel per policy (its first
# finished repeat): the guests' page states, MiB stacked in the colours
# of the live view (zcmm run --live), and each guest's resident storage.
# A panel's rows go to a table first: one pass over samples.tsv each.
states = 'Sr Pr Vr Ur Sp Vz'
mib(n) = n < 1 ? 0 : mib(n - 1) + column(word(states, n)) / 256.0
do for [k = 1:words(variants)] {
	v = word(variants, k)
	pols = value(sprintf('policies_%d', k))
	stats 'samples.tsv' using (strcol('variant') eq v ? column('t_ms') / 1000.0 : NaN) nooutput
	tmax = exists('STATS_max') && STATS_max > 0 ? STATS_max : 1
	do for [pic = 1:(words(guests) ? 2 : 1)] {
		set output sprintf(pic == 1 ? 'states-%s.png' : 'resident-%s.png', v)
		set terminal pngcairo size 1000,(90 + 240 * words(pols)) font 'sans,11' noenhanced
		set multiplot layout words(pols),1 title sprintf(pic == 1 ? \
			'Guest page states over time, %s / %s (first ok repeat; MiB, stacked)' : \
			'Resident storage of each guest over time, %s / %s (first ok repeat)', scenario, v)
		set key outside right top
		set xlabel 'host time, s'
		set ylabel 'MiB'
		set yrange [0:*]
		set xrange [0:tmax]
		set xtics norotate
		do for [p in pols] {
			stats 'runs.tsv' using (ok(v, p) ? column('repeat') : NaN) nooutput
			r = STATS_min
			set table $run
			if (pic == 1) {
				plot 'samples.tsv' using (column('t_ms') / 1000.0):(mib(1)):(mib(2)):(mib(3)):(mib(4)):(mib(5)):(mib(6)):(column('frames_saved') / 256.0) \
					with table if (strcol('kind') eq 'sample' && is(v, p) && column('repeat') == r)
			} else {
				plot 'samples.tsv' using (column('t_ms') / 1000.0):(column('guest')):(column('frames') / 256.0) \
					with table if (strcol('kind') eq 'asample' && is(v, p) && column('repeat') == r)
			}
			unset table
			set datafile nocolumnheaders
			set title p
			if (pic == 1) {
				plot $run using 1:7:6 with filledcurves title 'Vz discarded' lc rgb '#9467bd', \
				     '' using 1:6:5 with filledcurves title 'Sp paged out' lc rgb '#d62728', \
				     '' using 1:5:4 with filledcurves title 'Ur unused' lc rgb '#c7c7c7', \
				     '' using 1:4:3 with filledcurves title 'Vr volatile' lc rgb '#98df8a', \
				     '' using 1:3:2 with filledcurves title 'Pr pot. volatile' lc rgb '#ffbb78', \
				     '' using 1:2 with filledcurves x1 title 'Sr stable' lc rgb '#1f77b4', \
				     '' using 1:8 title 'frames saved by sharing' with lines lc rgb '#000000' lw 2
			} else {
				plot for [g = 1:words(guests)] $run using 1:($2 == g - 1 ? $3 : NaN) \
					with lines lw 2 title word(guests, g)
			}
			set datafile columnheaders
		}
		unset multiplot
	}
}
