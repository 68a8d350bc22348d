package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import partnerhub.domain.trial.LifecycleSettings;

/**
 * The sample events of events/, made to mean something against the emulated stack: each names a customer that exists
 * (created by CreateCustomer itself, a fresh one for every child JVM, so a write finds it in the state the sample
 * expects: version 1, its own trial end, an unused activation token), and POST /customers has no Idempotency-Key, so
 * each invoke creates one. A function that changes the customer it names gets one for every warm invoke too, so what
 * is measured is the change, not its refusal (a conversion, an extension or an activation repeated is refused with
 * 409); an EventBridge event gets a new id every time it is made, or its consumer would skip it as already handled.
 */
final class Samples {

    /** The customer id the samples in events/ name. */
    private static final String SAMPLE_CUSTOMER_ID = "01KAWJ5N8Q0000000000000000";
    static final String CREATE_ROUTE = "POST /customers";
    static final String IMPORT_FUNCTION = "ImportProgressFunction";

    /** A customer made for the samples, with what they need to name. */
    record Customer(String id, String expirationDate, String activationToken) {}

    private final Path eventsDir;
    private final Path directory;
    private final ArrayDeque<Customer> pending = new ArrayDeque<>();
    private final ArrayDeque<Customer> inTrial = new ArrayDeque<>();
    private final Map<Path, String> texts = new HashMap<>();

    Samples(Path eventsDir, Path work) throws IOException {
        this.eventsDir = eventsDir;
        this.directory = Files.createDirectories(work.resolve("events"));
    }

    /** Customers for {@link #eventAboutNewCustomer} to use, each once: just created, or with their trial started. */
    void add(List<Customer> created, List<Customer> trialsStarted) {
        pending.addAll(created);
        inTrial.addAll(trialsStarted);
    }

    /**
     * The function's sample, about a customer no other sample named when the sample names one, by its id or by its
     * activation token (the sample's own, when none is left).
     */
    Path eventAboutNewCustomer(Deployment.Function function) throws IOException {
        if (!namesCustomer(function)) {
            return event(function, null);
        }
        return event(function, (needsStartedTrial(function) ? inTrial : pending).poll());
    }

    /** How many customers the function's invokes name: one per child JVM, and one per warm invoke that changes it. */
    int customersNamed(Deployment.Function function, int children, int warmInvokes) throws IOException {
        if (!namesCustomer(function)) {
            return 0;
        }
        return children + (changesItsCustomer(function) ? warmInvokes : 0);
    }

    /** A trial is extended (or its extension previewed) only once it has started: once onboarding completed. */
    static boolean needsStartedTrial(Deployment.Function function) {
        return function.routes().stream().anyMatch(route -> route.endsWith("/trial-extension"));
    }

    /**
     * The import pipeline's COMPLETED report for the customer, at {@code at}: what starts its trial. The customer as
     * it then is, with the expiration date the default 14-day trial gives it.
     */
    Path importCompleted(Deployment.Function importProgress, Customer customer, Instant at) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(text(importProgress));
        event.put("id", UUID.randomUUID().toString());
        event.put("time", at.toString());
        event.put("detail", Map.of("customerId", customer.id(), "state", "COMPLETED", "message", "Import finished"));
        Path written = Files.createTempFile(directory, importProgress.name() + "-completed-", ".json");
        return Files.write(written, JSON.std.asBytes(event));
    }

    /** The customer once its trial started at {@code at}: the template keeps the default trial length. */
    static Customer trialStarted(Customer customer, Instant at) {
        return new Customer(customer.id(), at.plus(LifecycleSettings.DEFAULTS.trialLength()).toString(),
                customer.activationToken());
    }

    /** Whether the function's sample names a customer that its invoke changes: any but a GET route's. */
    boolean changesItsCustomer(Deployment.Function function) throws IOException {
        return namesCustomer(function) && (function.routes().isEmpty()
                || function.routes().stream().anyMatch(route -> !route.startsWith("GET ")));
    }

    /** A file naming {@code count} events of the function's, each about a customer no other event named. */
    Path eventsAboutNewCustomers(Deployment.Function function, int count) throws IOException {
        var paths = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            paths.add(eventAboutNewCustomer(function).toString());
        }
        return Files.write(Files.createTempFile(directory, function.name() + "-warm-", ".txt"), paths);
    }

    boolean namesCustomer(Deployment.Function function) throws IOException {
        String sample = text(function);
        return sample.contains(SAMPLE_CUSTOMER_ID) || sample.contains("\\\"token\\\"");
    }

    // Read once: every event the harness makes of a sample starts from its text.
    private String text(Deployment.Function function) throws IOException {
        Path sample = function.sampleEvent(eventsDir);
        String text = texts.get(sample);
        if (text == null) {
            if (!Files.isRegularFile(sample)) {
                throw new IllegalStateException(function.logicalId() + " has no sample event: " + sample);
            }
            text = Files.readString(sample);
            texts.put(sample, text);
        }
        return text;
    }

    /** The function's sample, about {@code customer} (null: the sample's own), with a new idempotency key. */
    @SuppressWarnings("unchecked")
    Path event(Deployment.Function function, Customer customer) throws IOException {
        String text = text(function);
        if (customer != null) {
            text = text.replace(SAMPLE_CUSTOMER_ID, customer.id());
        }
        Map<String, Object> event = JSON.std.mapFrom(text);
        if (event.containsKey("detail-type")) {
            event.put("id", UUID.randomUUID().toString());
        }
        if (event.get("headers") instanceof Map<?, ?> headers) {
            var byName = (Map<String, Object>) headers;
            if (function.routes().contains(CREATE_ROUTE)) {
                byName.keySet().removeIf("idempotency-key"::equalsIgnoreCase);
            } else {
                // A new request each time the sample is made, not a replay of another customer's.
                byName.replaceAll((name, value) -> name.equalsIgnoreCase("idempotency-key")
                        ? UUID.randomUUID().toString() : value);
            }
        }
        if (customer != null && event.get("body") instanceof String body && body.startsWith("{")) {
            Map<String, Object> fields = JSON.std.mapFrom(body);
            fields.computeIfPresent("expectedExpirationDate", (name, value) -> customer.expirationDate());
            fields.computeIfPresent("token", (name, value) -> customer.activationToken());
            event.put("body", JSON.std.asString(fields));
        }
        Path written = Files.createTempFile(directory, function.name() + "-", ".json");
        Files.write(written, JSON.std.asBytes(event));
        return written;
    }

    /**
     * The customers in CreateCustomer's answers (a child's responses, "status json" each). An answer other than 201
     * (moto under load answers the odd one 409) is left out: the caller asks for a few more than it needs.
     */
    @SuppressWarnings("unchecked")
    static List<Customer> created(List<String> responses) throws IOException {
        var customers = new ArrayList<Customer>();
        for (String response : responses) {
            String[] statusAndJson = response.split(" ", 2);
            if (!statusAndJson[0].equals("201")) {
                System.err.println("CreateCustomer did not create a customer for the samples: " + response);
                continue;
            }
            Map<String, Object> body = JSON.std.mapFrom((String) JSON.std.mapFrom(statusAndJson[1]).get("body"));
            String link = (String) body.get("activationLink");
            customers.add(new Customer((String) body.get("customerId"), (String) body.get("expirationDate"),
                    link == null ? null : link.substring(link.indexOf("token=") + 6)));
        }
        return customers;
    }
}
