package partnerhub.bench;

import java.util.List;

/**
 * One run's figures as the parts measured them, and what the targets and the tables derive from them. The floor is
 * the stream hello world; the typed one stands beside it.
 */
record Figures(Options options, List<LambdaStarts.Result> lambdaStarts, List<ColdStarts.Result> coldStarts,
               List<WarmInvokes.Result> warmInvokes, SweepBench.Result sweep, ListingBench.Result listing,
               BulkBench.Result bulk, int alarms, List<String> notes) {

    static final String FLOOR = "HelloWorld";

    ColdStarts.Result floor() {
        return coldStarts.stream().filter(r -> r.function().name().equals(FLOOR)).findFirst().orElse(null);
    }

    LambdaStarts.Result lambdaFloor() {
        return lambdaStarts.stream().filter(r -> r.function().name().equals(FLOOR)).findFirst().orElse(null);
    }

    static double snapStartRatio(WarmInvokes.Result r) {
        return r.firstInvoke() / Stats.median(r.warm());
    }

    /**
     * The same ratio for the time outside the SDK: the handler's own. moto's answer to a write takes hundreds of
     * milliseconds and grows with its table, so on a writing route the whole ratio says more about moto than about
     * what priming left cold; this one does not.
     */
    static double snapStartOwnRatio(WarmInvokes.Result r) {
        return (r.firstInvoke() - r.firstInSdk()) / Stats.median(r.overhead());
    }

    /** Restore to first response over the allowance: twice the warm invoke plus the floor's restore to response. */
    double restoreOverAllowance(LambdaStarts.Result r) {
        return Stats.median(r.restoreToFirstResponse())
                / (2 * Stats.median(r.warmInvoke()) + Stats.median(lambdaFloor().restoreToFirstResponse()));
    }

    static double perDue(long read, int due) {
        return due == 0 ? Double.NaN : (double) read / due;
    }

    double concurrentOverSequential() {
        return sweep.throughput().getLast().perSecond() / sweep.throughput().getFirst().perSecond();
    }

    static String label(Deployment.Function function) {
        return function.routes().isEmpty() ? function.name()
                : function.name() + " (`" + String.join(", ", function.routes()) + "`)";
    }

    /** Two decimals; null for what is no number. */
    static Object round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 100) / 100.0;
    }
}
