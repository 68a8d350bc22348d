package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sample events of events/, made to mean something against the emulated stack: each names a customer that exists
 * (created by CreateCustomer itself, a fresh one for every child JVM, so a write finds it in the state the sample
 * expects: version 1, its own trial end, an unused activation token), and POST /customers has no Idempotency-Key, so
 * each invoke creates one.
 */
final class Samples {

    /** The customer id the samples in events/ name. */
    private static final String SAMPLE_CUSTOMER_ID = "01KAWJ5N8Q0000000000000000";
    static final String CREATE_ROUTE = "POST /customers";

    /** A customer made for the samples, with what they need to name. */
    record Customer(String id, String expirationDate, String activationToken) {}

    private final Path eventsDir;
    private final Path directory;
    private final java.util.ArrayDeque<Customer> unused = new java.util.ArrayDeque<>();

    Samples(Path eventsDir, Path work) throws IOException {
        this.eventsDir = eventsDir;
        this.directory = Files.createDirectories(work.resolve("events"));
    }

    /** Customers for {@link #eventAboutNewCustomer} to use, each once. */
    void add(List<Customer> customers) {
        unused.addAll(customers);
    }

    /**
     * The function's sample, about a customer no other sample named when the sample names one, by its id or by its
     * activation token (the sample's own, when none is left).
     */
    Path eventAboutNewCustomer(Deployment.Function function) throws IOException {
        String sample = Files.readString(function.sampleEvent(eventsDir));
        boolean namesCustomer = sample.contains(SAMPLE_CUSTOMER_ID) || sample.contains("\\\"token\\\"");
        return event(function, namesCustomer ? unused.poll() : null);
    }

    /** The function's sample, about {@code customer} (null: the sample's own), with a new idempotency key. */
    @SuppressWarnings("unchecked")
    Path event(Deployment.Function function, Customer customer) throws IOException {
        Path sample = function.sampleEvent(eventsDir);
        if (!Files.isRegularFile(sample)) {
            throw new IllegalStateException(function.logicalId() + " has no sample event: " + sample);
        }
        String text = Files.readString(sample);
        if (customer != null) {
            text = text.replace(SAMPLE_CUSTOMER_ID, customer.id());
        }
        Map<String, Object> event = JSON.std.mapFrom(text);
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
