package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import partnerhub.aws.dynamodb.BulkCustomers;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.domain.bulk.BulkRequest;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.ManyCustomers;

/**
 * {@code POST /customers/bulk} at its largest, as deployed: one EXTEND_TRIAL on 100 trial customers, the function's
 * artifact and handler in a child JVM, every AWS call delayed in a proxy in front of moto; whether the request fits
 * the function's Timeout (a second inside API Gateway's 30 s). The function keeps template.yaml's own SDK bounds, not
 * the harness's looser ones, since what is asked is whether the deployed function fits. Its first invoke is measured,
 * without SnapStart's priming: the slowest the request can be. The answer is checked (100 results in the order asked,
 * all 200, each customer's trial extended once in the table), or the run fails.
 */
final class BulkBench {

    static final String FUNCTION = "BulkCustomersFunction";
    /** template.yaml's bounds on each SDK call, which BenchStack loosens for moto's sake. */
    private static final List<String> SDK_BOUNDS = List.of("AWS_CALL_TIMEOUT_MS", "AWS_ATTEMPT_TIMEOUT_MS");

    /**
     * @param seconds    the invoke, in the child JVM: the handler's first request
     * @param sdkSeconds the SDK's time waiting on the endpoint, the delays included, summed over every call
     * @param sdkBounds  the SDK bounds the function ran with ("AWS_CALL_TIMEOUT_MS=3000, ...")
     */
    record Result(int customers, int extended, double seconds, double sdkSeconds, long calls, String callsByOperation,
                  int delayMillis, int timeoutSeconds, String sdkBounds) {

        /** The SDK's time less the delays: moto's own, which DynamoDB's latency would take the place of. */
        double motoSeconds() {
            return sdkSeconds - calls * delayMillis / 1000.0;
        }

        /** The request's time as a share of the function's Timeout: under 1, it fits. */
        double ofTimeout() {
            return seconds / timeoutSeconds;
        }
    }

    private BulkBench() {}

    static Result run(Bench bench, Deployment.Function bulk) throws IOException, InterruptedException {
        Map<String, Object> event = JSON.std.mapFrom(Files.readAllBytes(bench.sampleEvent(bulk)));
        // The partner the sample's token names: the customers are made for it.
        String partnerId = (String) at(event, "requestContext", "authorizer", "jwt", "claims",
                bench.stack().environment(bulk).get("PARTNER_CLAIM"));

        bench.stack().provision();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Trials under way, all ending in 7 days: each one an extension applies to.
        List<Customer> trials = ManyCustomers.dueAmong(partnerId, BulkRequest.MAX_CUSTOMERS,
                BulkRequest.MAX_CUSTOMERS, now);
        var lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);
        new BulkCustomers(bench.stack().clients().dynamoDb(), bench.stack().tableName(), lifecycle).load(trials);

        List<String> ids = trials.stream().map(Customer::customerId).toList();
        event.put("body", JSON.std.asString(Map.of("action", "EXTEND_TRIAL", "customerIds", ids)));
        Path request = Files.write(bench.work().resolve("bulk-extend-trial.json"), JSON.std.asBytes(event));

        // The deployed bounds: a call moto answers too slowly fails here as it would there, and shows.
        var bounds = new LinkedHashMap<String, String>();
        SDK_BOUNDS.forEach(name -> bounds.put(name, Objects.requireNonNull(bulk.environment().get(name),
                () -> "template.yaml gives " + FUNCTION + " no " + name).toString()));
        int delay = bench.options().delayMillis();
        ChildJvm.Report report;
        try (FaultProxy proxy = FaultProxy.start(bench.stack().endpoint());
             var delayed = proxy.delay(call -> true, Duration.ofMillis(delay))) {
            var environment = new LinkedHashMap<>(bench.stack().environment(bulk, proxy.endpoint()));
            environment.putAll(bounds);
            report = ChildJvm.run(bench.launch(bulk, request, ChildJvm.Flags.SNAPSTART, true,
                    bulk.timeoutSeconds() * 1000L, 0, false).withEnvironment(environment)
                    .withLimit(Duration.ofMinutes(5)), bench.work());
        }
        var store = new DynamoDbCustomerStore(bench.stack().clients().dynamoDb(), bench.stack().tableName(),
                lifecycle, Clock.systemUTC());
        int extended = check(report, trials, store, LifecycleSettings.DEFAULTS.extension());
        bench.progress("bulk: " + extended + " trials extended in one request");

        String[] sdk = report.values().get("first-sdk").split(" "); // nanos, calls
        return new Result(trials.size(), extended, Long.parseLong(report.values().get("first-nanos")) / 1e9,
                Long.parseLong(sdk[0]) / 1e9, Long.parseLong(sdk[1]), report.values().get("first-sdk-by-operation"),
                delay, bulk.timeoutSeconds(), bounds.toString().replaceAll("[{}]", ""));
    }

    /** The value at the end of {@code path} in nested JSON objects. */
    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> json, String... path) {
        Object value = json;
        for (String name : path) {
            value = ((Map<String, Object>) value).get(name);
        }
        return value;
    }

    /**
     * The answer: 200, then one result per customer in the order asked, each 200 with the trial extended once from
     * where it ended; and each customer in the table as its result says, one version on. The customers extended.
     */
    @SuppressWarnings("unchecked")
    private static int check(ChildJvm.Report report, List<Customer> trials, DynamoDbCustomerStore store,
                             Duration extension) throws IOException {
        if (!report.firstStatus().equals("200")) {
            throw new IllegalStateException("POST /customers/bulk answered " + report.firstResponse());
        }
        String body = (String) JSON.std.mapFrom(report.firstResponse()).get("body");
        var results = (List<Map<String, Object>>) JSON.std.mapFrom(body).get("results");
        if (results == null || results.size() != trials.size()) {
            throw new IllegalStateException("POST /customers/bulk answered " + (results == null ? "no" : results.size())
                    + " results for " + trials.size() + " customers: " + body);
        }
        var wrong = new ArrayList<String>();
        for (int i = 0; i < trials.size(); i++) {
            Customer before = trials.get(i);
            Map<String, Object> result = results.get(i);
            var answered = (Map<String, Object>) result.get("customer");
            Customer stored = store.find(before.partnerId(), before.customerId()).orElse(null);
            String end = before.expirationDate().plus(extension).toString();
            boolean once = before.customerId().equals(result.get("customerId"))
                    && Integer.valueOf(200).equals(result.get("status")) && answered != null
                    && end.equals(answered.get("expirationDate"))
                    && Integer.valueOf(before.trialExtensions() + 1).equals(answered.get("trialExtensions"))
                    && stored != null && stored.expirationDate().toString().equals(end)
                    && stored.trialExtensions() == before.trialExtensions() + 1
                    && stored.version() == before.version() + 1;
            if (!once) {
                wrong.add(before.customerId() + ": answered " + result + ", stored " + stored);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(wrong.size() + " of " + trials.size() + " customers not extended once: "
                    + wrong.getFirst());
        }
        return trials.size();
    }
}
