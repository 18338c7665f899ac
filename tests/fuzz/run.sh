#!/bin/sh
# run.sh - runs libFuzzer targets for a bounded time each.
# Usage: tests/fuzz/run.sh SECONDS short|long TARGET...
#   short: new inputs go to a scratch directory (the corpus stays as is)
#   long:  then the inputs that add coverage are merged into
#          tests/fuzz/corpus/NAME (libFuzzer -merge=1)
# A crash, leak or undefined behaviour fails with the end of the log and
# the input that caused it (written beside the target).
secs=$1 mode=$2; shift 2
for f in "$@"; do
	name=${f##*/fuzz_}
	corpus=tests/fuzz/corpus/$name
	dict=tests/fuzz/$name.dict
	dir=$(dirname "$f")
	log=$dir/$name.log
	set -- -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$dir/$name-"
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	rm -rf "$dir/new-$name"; mkdir -p "$dir/new-$name"
	dirs="$dir/new-$name $corpus"
	echo "fuzz: $name for $secs s"
	if ! "$f" "$@" $dirs >"$log" 2>&1; then
		tail -40 "$log"
		echo "fuzz: $name FAILED (log $log; the input: $dir/$name-*)"
		exit 1
	fi
	grep -h "stat::number_of_executed_units" "$log" | sed "s/^/fuzz: $name: /"
	if [ "$mode" = long ]; then
		before=$(ls "$corpus" | wc -l)
		"$f" -merge=1 "$corpus" "$dir/new-$name" >>"$log" 2>&1 || exit 1
		echo "fuzz: $name: corpus $before -> $(ls "$corpus" | wc -l) inputs"
	fi
done
