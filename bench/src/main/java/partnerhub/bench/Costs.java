package partnerhub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the product costs to run a month, per 1,000 customers of a partner, from the run's measured durations (the
 * Lambda environment's warm invoke, p50, rounded up to the millisecond as Lambda bills), the template's memory and
 * architecture (arm64), and AWS's published prices in us-east-1 ({@link #PRICES}). The workload is an assumption, stated with it.
 * The stack's fixed costs (schedules, alarms, the dashboard, the secret) are apart: they do not grow with customers.
 */
final class Costs {

    /**
     * AWS's published prices, us-east-1, each with the date it took effect where known. Not read from AWS's pages on
     * the day of the run (this machine does not reach them): check them before relying on a total.
     */
    static final List<String> PRICES = List.of(
            "Lambda arm64 $0.0000133334 per GB-s (first 7.5 billion GB-s; since Arm's launch, 2021-09-29) and $0.20"
                    + " per million requests; SnapStart for Java at no extra charge (aws.amazon.com/lambda/pricing)",
            "HTTP API $1.00 per million requests, first 300 million (since 2020-03-12;"
                    + " aws.amazon.com/api-gateway/pricing)",
            "DynamoDB on-demand $0.625 per million write and $0.125 per million read request units (since"
                    + " 2024-11-01; aws.amazon.com/dynamodb/pricing/on-demand)",
            "SES $0.10 per 1,000 emails (aws.amazon.com/ses/pricing)",
            "EventBridge $1.00 per million custom events (aws.amazon.com/eventbridge/pricing)",
            "CloudWatch Logs $0.50 per GB ingested; alarms $0.10 each a month; dashboards $3.00 each a month"
                    + " (aws.amazon.com/cloudwatch/pricing)",
            "Secrets Manager $0.40 per secret a month, $0.05 per 10,000 calls (aws.amazon.com/secrets-manager/pricing)");

    static final double LAMBDA_GB_SECOND = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double HTTP_API_REQUEST = 1.00 / 1e6;
    static final double WRITE_UNIT = 0.625 / 1e6;
    static final double READ_UNIT = 0.125 / 1e6;
    static final double EMAIL = 0.10 / 1000;
    static final double EVENT = 1.00 / 1e6;
    static final double LOG_GB = 0.50;
    static final double ALARM_MONTH = 0.10;
    static final double DASHBOARD_MONTH = 3.00;
    static final double SECRET_MONTH = 0.40;

    /**
     * Invocations a month per 1,000 customers: 250 new trials (each added, activated, ten import reports), 5 %
     * regenerated links, 20 % extended (with a preview) and edited, 20 % automatic upgrade switched, 10 % converted by
     * hand, 50 customers assigned by the marketplace; the console used by 5 people on 22 working days, each a day
     * listing 20 pages, opening 20 customers and 10 event logs. The dispatcher once per change that has effects
     * (a batch of one, the worst case): every add, activation, completed import, extension, conversion, notice (two
     * a trial) and end (upgrade or expiry).
     */
    static final Map<String, Integer> INVOCATIONS = orderedMap(
            "CreateCustomer", 250, "Activate", 250, "ImportProgress", 2_500, "RegenerateActivationLink", 13,
            "GetActivationLink", 50, "PreviewTrialExtension", 50, "ExtendTrial", 50, "UpdateCustomer", 50,
            "SetAutoUpgrade", 50, "ConvertCustomer", 25, "CustomerAssigned", 50, "ListCustomers", 2_200,
            "GetCustomer", 2_200, "ListCustomerEvents", 1_100, "GetCatalog", 110,
            "Dispatcher", 250 + 250 + 250 + 50 + 25 + 500 + 250);
    /** Emails: an activation link per trial and per regeneration, two notices a trial, one at its end. */
    static final int EMAILS = 250 + 13 + 500 + 250;
    /** Domain events on the bus: added, activated, onboarding completed, ended, and each extension or conversion. */
    static final int EVENTS = 250 * 4 + 50 + 25 + 50;
    /**
     * Request units: a change's transaction of about 5 items of under 1 KB (twice, being transactional); each
     * outbox entry settled by the dispatcher, one; a read (a query of a page, or a strongly consistent get), two.
     */
    static final int WRITE_UNITS_PER_CHANGE = 10;
    static final int WRITE_UNITS_PER_DELIVERY = 1;
    static final int READ_UNITS_PER_REQUEST = 2;
    /** About 1.5 KB of log a invocation: its request line, and a summary with metrics where it has one. */
    static final double LOG_BYTES_PER_INVOCATION = 1_500;
    /** The stack's fixed schedule: the sweep hourly, the relay every 5 minutes (template.yaml). */
    static final int SWEEP_RUNS = 730;
    static final int RELAY_RUNS = 8_760;

    record Line(String item, String quantity, double dollars) {}

    private Costs() {}

    /** Per 1,000 customers a month, each line's dollars; null when the run measured no durations. */
    static List<Line> perThousandCustomers(List<LambdaStarts.Result> measured) {
        if (measured.isEmpty()) {
            return null;
        }
        var lines = new ArrayList<Line>();
        long invocations = 0;
        double gbSeconds = 0;
        int apiRequests = 0;
        int changes = 0;
        int reads = 0;
        for (Map.Entry<String, Integer> entry : INVOCATIONS.entrySet()) {
            LambdaStarts.Result result = find(measured, entry.getKey());
            double billedMs = Math.ceil(Stats.median(result.warmInvoke()));
            gbSeconds += entry.getValue() * billedMs / 1000 * result.function().memoryMb() / 1024.0;
            invocations += entry.getValue();
            if (result.function().isApi()) {
                apiRequests += entry.getValue();
            }
            if (result.function().routes().stream().anyMatch(route -> route.startsWith("GET"))) {
                reads += entry.getValue();
            } else if (!entry.getKey().equals("Dispatcher")) {
                changes += entry.getValue();
            }
        }
        lines.add(new Line("Lambda requests", String.format(Locale.ROOT, "%,d", invocations),
                invocations * LAMBDA_REQUEST));
        lines.add(new Line("Lambda duration (warm p50, 1024 MB, arm64)", String.format(Locale.ROOT, "%,.0f GB-s",
                gbSeconds), gbSeconds * LAMBDA_GB_SECOND));
        lines.add(new Line("API Gateway HTTP API", String.format(Locale.ROOT, "%,d requests", apiRequests),
                apiRequests * HTTP_API_REQUEST));
        int writeUnits = changes * WRITE_UNITS_PER_CHANGE + (EMAILS + EVENTS) * WRITE_UNITS_PER_DELIVERY;
        int readUnits = reads * READ_UNITS_PER_REQUEST;
        lines.add(new Line("DynamoDB on-demand", String.format(Locale.ROOT, "%,d WRU, %,d RRU", writeUnits,
                readUnits), writeUnits * WRITE_UNIT + readUnits * READ_UNIT));
        lines.add(new Line("SES", String.format(Locale.ROOT, "%,d emails", EMAILS), EMAILS * EMAIL));
        lines.add(new Line("EventBridge", String.format(Locale.ROOT, "%,d events", EVENTS), EVENTS * EVENT));
        double logGb = invocations * LOG_BYTES_PER_INVOCATION / 1e9;
        lines.add(new Line("CloudWatch Logs", String.format(Locale.ROOT, "%.3f GB", logGb), logGb * LOG_GB));
        return lines;
    }

    /** The stack's own costs a month, whatever the customers: schedules, alarms, the dashboard, the secret. */
    static List<Line> fixed(List<LambdaStarts.Result> measured, int alarms) {
        var lines = new ArrayList<Line>();
        for (var schedule : List.of(Map.entry("Sweep", SWEEP_RUNS), Map.entry("OutboxRelay", RELAY_RUNS))) {
            LambdaStarts.Result result = find(measured, schedule.getKey());
            double gbSeconds = schedule.getValue() * Math.ceil(Stats.median(result.warmInvoke())) / 1000
                    * result.function().memoryMb() / 1024.0;
            lines.add(new Line(schedule.getKey() + " runs (an empty run's warm p50)", String.format(Locale.ROOT,
                    "%,d runs, %,.0f GB-s", schedule.getValue(), gbSeconds),
                    schedule.getValue() * LAMBDA_REQUEST + gbSeconds * LAMBDA_GB_SECOND));
        }
        lines.add(new Line("CloudWatch alarms", alarms + " alarms", alarms * ALARM_MONTH));
        lines.add(new Line("CloudWatch dashboard", "1", DASHBOARD_MONTH));
        lines.add(new Line("Secrets Manager (signing keys)", "1 secret", SECRET_MONTH));
        return lines;
    }

    private static LambdaStarts.Result find(List<LambdaStarts.Result> measured, String name) {
        return measured.stream().filter(r -> r.function().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no measured durations for " + name));
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        var map = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
