# plots.gp - the plots of a zcmm bench report. zcmm bench copies this file
# into the report directory with plot-vars.gp (the scenario's name, its
# variants and their policies, the ranges) and the plot-*.dat data files,
# then runs `gnuplot plots.gp` there; run it again there to redraw.
load 'plot-vars.gp'

set terminal pngcairo size 1000,560 font 'sans,11' noenhanced
set datafile missing '?'
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror

# throughput by policy: medians, with the repeats' min-max as error bars
set output 'throughput.png'
set title sprintf('Throughput by policy: %s (median of the repeats, bars: min-max)', scenario)
set ylabel 'work units per wall-clock second'
set yrange [0:*]
set xrange [-0.6:xmax]
set style fill solid 0.7 border -1
set boxwidth 0.75
set key off
set xtics rotate by -20
plot 'plot-throughput.dat' using 1:3:6:xtic(2) with boxes lc variable, \
     '' using 1:3:4:5 with yerrorbars lc rgb 'black' pt 0 lw 1.5, \
     '' using 1:3:(sprintf('%.0f', $3)) with labels offset 0,1
unset xrange

# how pages were reclaimed and brought back, by policy (medians)
set output 'paging.png'
set title sprintf('Page-outs, page-ins, discards without I/O, discard faults: %s (medians)', scenario)
set ylabel 'pages'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top left
plot 'plot-paging.dat' using 2:xtic(1) title 'page-outs' lc rgb '#d62728', \
     '' using 3 title 'page-ins' lc rgb '#ff9896', \
     '' using 4 title 'discards without I/O' lc rgb '#2ca02c', \
     '' using 5 title 'discard faults' lc rgb '#9467bd'
unset style
set style fill solid 0.85 noborder

# the guests' page states over time: a picture per variant, a panel per
# policy (its first ok repeat), MiB of guest pages stacked; the colours
# are the live view's (zcmm run --live)
do for [k = 1:words(variants)] {
	v = word(variants, k)
	pols = value(sprintf('policies_%d', k))
	np = words(pols)
	set output sprintf('states-%s.png', v)
	set terminal pngcairo size 1000,(90 + 240 * np) font 'sans,11' noenhanced
	set multiplot layout np,1 title sprintf('Guest page states over time, %s / %s (first ok repeat; MiB, stacked)', scenario, v)
	set key outside right top
	set xlabel 'host time, s'
	set ylabel 'MiB'
	set yrange [0:*]
	set xrange [0:value(sprintf('tmax_%d', k))]
	set xtics norotate
	do for [p in pols] {
		set title p
		plot sprintf('plot-states-%s-%s.dat', v, p) \
		        using 1:7:6 with filledcurves title 'Vz discarded' lc rgb '#9467bd', \
		     '' using 1:6:5 with filledcurves title 'Sp paged out' lc rgb '#d62728', \
		     '' using 1:5:4 with filledcurves title 'Ur unused' lc rgb '#c7c7c7', \
		     '' using 1:4:3 with filledcurves title 'Vr volatile' lc rgb '#98df8a', \
		     '' using 1:3:2 with filledcurves title 'Pr pot. volatile' lc rgb '#ffbb78', \
		     '' using 1:2 with filledcurves x1 title 'Sr stable' lc rgb '#1f77b4', \
		     '' using 1:8 title 'frames saved by sharing' with lines lc rgb '#000000' lw 2
	}
	unset multiplot
}
