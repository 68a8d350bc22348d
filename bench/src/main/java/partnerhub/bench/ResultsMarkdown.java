package partnerhub.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** results.md: the run's figures and targets as tables. */
final class ResultsMarkdown {

    private ResultsMarkdown() {}

    static String of(Figures f, List<Map<String, Object>> targets, double runSeconds) {
        var md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d CPUs, %s; run took %.0f s. Samples: %d cold per function,"
                        + " %d warm invokes measured per function.%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), runSeconds,
                f.options().samples(), f.options().warmInvokesMeasured()));
        md.append("## Targets\n\n| target | value | worst | met |\n|---|---|---|---|\n");
        for (Map<String, Object> target : targets) {
            md.append("| ").append(target.get("target")).append(" | ").append(format(target.get("value")))
                    .append(" | ").append(format(target.get("worst"))).append(" | ")
                    .append(target.get("met") == null ? "not run" : (Boolean) target.get("met") ? "yes" : "**no**")
                    .append(" |\n");
        }
        if (!f.lambdaStarts().isEmpty()) {
            LambdaStarts.Result floor = f.lambdaFloor();
            md.append("\n## Lambda execution environment (ms: AWS's runtime client, the managed runtime's flags)\n\n");
            md.append("| function | status | on-demand: spawn→first response p50 | p90 | × floor | init p50 |"
                    + " snap-start: restore→first response p50 | warm invoke p50 | ÷ (2× warm + floor's restore) |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (LambdaStarts.Result r : f.lambdaStarts()) {
                double p50 = Stats.median(r.onDemandFirstResponse());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.1f | %.1f | %.2f |%n",
                        Figures.label(r.function()), r.status(), p50, Stats.percentile(r.onDemandFirstResponse(), 90),
                        p50 / Stats.median(floor.onDemandFirstResponse()), Stats.median(r.onDemandInit()),
                        Stats.median(r.restoreToFirstResponse()), Stats.median(r.warmInvoke()),
                        f.restoreOverAllowance(r)));
            }
        }
        if (!f.lambdaStarts().isEmpty()) {
            md.append("\n## What it costs to run (us-east-1, arm64; the workload assumed in bench's Costs)\n");
            costTable(md, "Per 1,000 customers a month:", Costs.perThousandCustomers(f.lambdaStarts()));
            costTable(md, "The stack's own, whatever its customers:", Costs.fixed(f.lambdaStarts(), f.alarms()));
            md.append("\nPrices: ");
            md.append(String.join("; ", Costs.PRICES)).append(".\n");
        }
        if (!f.coldStarts().isEmpty()) {
            ColdStarts.Result floor = f.floor();
            md.append("\n## Fresh-JVM cold start (ms, JVM start to first response)\n\n");
            md.append("| function | status | p50 | p90 | × floor (p50) | spawn→response p50 | init p50 | first invoke p50"
                    + " | classes | × floor | artifact MB | × floor |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ColdStarts.Result r : f.coldStarts()) {
                double p50 = Stats.median(r.firstResponse());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %,d | %.1f"
                                + " | %.2f | %.1f |%n", Figures.label(r.function()), r.status(), p50,
                        Stats.percentile(r.firstResponse(), 90), p50 / Stats.median(floor.firstResponse()),
                        Stats.median(r.spawn()), Stats.median(r.init()), Stats.median(r.firstInvoke()),
                        r.classesLoaded(), (double) r.classesLoaded() / floor.classesLoaded(),
                        r.artifactBytes() / 1e6, (double) r.artifactBytes() / floor.artifactBytes()));
            }
        }
        if (!f.warmInvokes().isEmpty()) {
            md.append("\n## SnapStart stand-in (ms: priming hooks, then the first invoke)\n\n");
            md.append("| function | hooks | priming | first invoke | of it in the SDK | status | warm p50 | × warm"
                    + " | outside the SDK: × warm's |\n|---|---|---|---|---|---|---|---|---|\n");
            for (WarmInvokes.Result r : f.warmInvokes()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %s | %.2f | %.1f | %.1f |%n",
                        Figures.label(r.function()), r.hooks(), r.priming(), r.firstInvoke(), r.firstInSdk(),
                        r.firstStatus(), Stats.median(r.warm()), Figures.snapStartRatio(r), Figures.snapStartOwnRatio(r)));
            }
            md.append("\n## Warm invokes, API functions (ms)\n\n");
            md.append("| function | p50 | p99 | SDK p50 | overhead p50 | overhead p99 | AWS calls | statuses |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (WarmInvokes.Result r : f.warmInvokes()) {
                if (r.function().isApi()) {
                    md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %s |%n",
                            Figures.label(r.function()), Stats.median(r.warm()), Stats.percentile(r.warm(), 99),
                            Stats.median(r.sdk()), Stats.median(r.overhead()), Stats.percentile(r.overhead(), 99),
                            r.sdkCallsPerInvoke(), r.statuses()));
                }
            }
        }
        if (f.sweep() != null) {
            md.append("\n## Sweep: index items read per due customer (1 % due)\n\n");
            md.append("| customers | due | index items read | per due | Scan items read | per due | table written in"
                    + " |\n|---|---|---|---|---|---|---|\n");
            for (SweepBench.IndexReads r : f.sweep().indexReads()) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %,d | %.0f | %.0f s |%n",
                        r.customers(), r.due(), r.itemsRead(), Figures.perDue(r.itemsRead(), r.due()), r.scanRead(),
                        Figures.perDue(r.scanRead(), r.due()), r.loadSeconds()));
            }
            md.append(String.format(Locale.ROOT, "%n## Sweep: throughput, every AWS call delayed %d ms%n%n",
                    f.sweep().delayMillis()));
            md.append("| SWEEP_CONCURRENCY | customers | due | served | seconds | served/s | AWS calls | SDK s |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (SweepBench.Throughput t : f.sweep().throughput()) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %,d | %.1f |%n",
                        t.concurrency(), t.customers(), t.due(), t.served(), t.seconds(), t.perSecond(), t.calls(),
                        t.sdkSeconds()));
            }
            f.sweep().throughput().forEach(t -> md.append(String.format(Locale.ROOT,
                    "%nSWEEP_CONCURRENCY=%s, AWS calls (count, SDK time): %s.%n", t.concurrency(), t.callsByOperation())));
            md.append(String.format(Locale.ROOT, "%nConcurrent / sequential: %.1f×. moto's own service time,"
                    + " serialized (the ceiling): %.1f served/s.%n", f.concurrentOverSequential(),
                    f.sweep().motoCeilingPerSecond()));
        }
        if (f.listing() != null) {
            listing(md, f.listing());
        }
        if (f.bulk() != null) {
            bulk(md, f.bulk());
        }
        if (!f.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            f.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append("\nHow each figure is taken: results.json, \"method\".\n");
        return md.toString();
    }

    private static void listing(StringBuilder md, ListingBench.Result listing) {
        md.append(String.format(Locale.ROOT, "%n## Listing: GET /customers at %,d customers of one partner, pages of"
                + " %d%n%n", listing.customers(), ListingBench.PAGE));
        md.append("| listing | matching | first page: returned | items read | per returned | Queries | p50 ms"
                + " | p99 ms | all pages: pages | items read | per returned | Queries | page p50 ms | page p99 ms |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ListingBench.Listing l : listing.listings()) {
            ListingBench.Reads first = l.firstPage();
            ListingBench.Reads all = l.all();
            md.append(String.format(Locale.ROOT, "| `%s` | %,d | %d | %,d | %s | %d | %.1f | %.1f | %,d | %,d | %s"
                            + " | %,d | %.1f | %.1f |%n", l.parameters(), l.matching(), first.returned(),
                    first.itemsRead(), perReturned(first), first.queries(), Stats.median(l.firstPageMillis()),
                    Stats.percentile(l.firstPageMillis(), 99), all.pages(), all.itemsRead(), perReturned(all),
                    all.queries(), Stats.median(l.pageMillis()), Stats.percentile(l.pageMillis(), 99)));
        }
        md.append(String.format(Locale.ROOT, "%nIn-process through DynamoDbCustomerStore.list against moto (no token"
                        + " sealing, no JSON), on ManyCustomers.varied written for one partner (in %.0f s) beside %,d"
                        + " customers of another partner with the same names. Items read: the ScannedCount of every"
                        + " Query, summed by a delegating DynamoDbClient; per returned: over the customers returned."
                        + " First page: read %d times (p99: the slowest). All pages: every page from the last one's"
                        + " cursor until none, each timed once. Each listing's customers checked against"
                        + " CustomerQuery.matches and Sort.order on the data written (the run fails otherwise)."
                        + " `now`: the instant the customers were made for. moto's Query goes over every item of its"
                        + " table, so the times compare listings with each other, not with DynamoDB.%n",
                listing.loadSeconds(), listing.otherPartnersCustomers(), ListingBench.FIRST_PAGE_READS));
    }

    private static void bulk(StringBuilder md, BulkBench.Result r) {
        md.append(String.format(Locale.ROOT, "%n## Bulk: POST /customers/bulk, EXTEND_TRIAL on %d customers, every AWS"
                + " call delayed %d ms%n%n", r.customers(), r.delayMillis()));
        md.append("| customers | extended once | request s | function Timeout s | ÷ Timeout | AWS calls | per customer"
                + " | SDK s | of it moto's own s |\n|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %d | %.2f | %,d | %.2f | %.2f | %.2f |%n",
                r.customers(), r.extended(), r.seconds(), r.timeoutSeconds(), r.ofTimeout(), r.calls(),
                (double) r.calls() / r.customers(), r.sdkSeconds(), r.motoSeconds()));
        md.append(String.format(Locale.ROOT, "%nAWS calls (count, SDK time, the delays included): %s.%n",
                r.callsByOperation()));
        md.append(String.format(Locale.ROOT, "%nThe function's artifact and handler in a child JVM (SnapStart's flags,"
                + " its first invoke, no priming: the slowest the request can be), with template.yaml's SDK bounds"
                + " (%s); every AWS call delayed in a proxy in front of moto. Request s: the invoke, in the child;"
                + " SDK s: the calls' time, summed; moto's own: that less the delays. The answer checked: %d results in"
                + " the order asked, each 200 with the trial 14 days longer and one more extension, and so in the"
                + " table, one version on (the run fails otherwise).%n", r.sdkBounds(), r.customers()));
    }

    /** Items read per customer returned; "—" for a listing that returned none. */
    private static String perReturned(ListingBench.Reads reads) {
        double per = reads.perReturned();
        return Double.isNaN(per) ? "—" : String.format(Locale.ROOT, "%.2f", per);
    }

    private static void costTable(StringBuilder md, String title, List<Costs.Line> lines) {
        md.append("\n").append(title).append("\n\n| item | a month | USD |\n|---|---|---|\n");
        lines.forEach(line -> md.append(String.format(Locale.ROOT, "| %s | %s | %.4f |%n", line.item(),
                line.quantity(), line.dollars())));
        md.append(String.format(Locale.ROOT, "| **total** | | **%.2f** |%n",
                lines.stream().mapToDouble(Costs.Line::dollars).sum()));
    }

    private static String format(Object value) {
        return value == null ? "" : value.toString();
    }
}
