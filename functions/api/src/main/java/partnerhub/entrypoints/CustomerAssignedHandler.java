package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.registry.ValidationException;
import partnerhub.observability.Invocation;
import partnerhub.observability.LogContext;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * Customers that other systems bring (a marketplace, direct sign-up) arrive as {@code partner.directory} /
 * {@code CustomerAssigned} events on the bus, assigned to a partner with their source and a running trial. The
 * EventBridge event id makes redelivery harmless. A bad event fails the invocation with every reason, so after
 * Lambda's retries it lands in the function's failure destination rather than vanishing.
 */
public final class CustomerAssignedHandler extends SnapStartHandler {

    public CustomerAssignedHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public CustomerAssignedHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, CustomerAssignedHandler.class, () -> {
            Customer customer = assign(JSON.std.mapFrom(input));
            JSON.std.write(Map.of("customerId", customer.customerId(), "partnerId", customer.partnerId()), output);
        });
    }

    /** The longest partner id a key may carry. */
    static final int MAX_PARTNER_ID = 128;

    @SuppressWarnings("unchecked")
    public Customer assign(Map<String, Object> event) {
        if (!(event.get("detail") instanceof Map<?, ?> raw)) {
            throw ValidationException.of("detail", "is missing: not a CustomerAssigned event");
        }
        var detail = (Map<String, Object>) raw;
        String partnerId = partnerId(text(detail, "partnerId"));
        LogContext.put(LogContext.PARTNER_ID, partnerId);
        NewCustomer customer = dependencies().rules().newCustomer(text(detail, "organizationName"),
                text(detail, "notificationEmail"), text(detail, "sku"), (List<String>) detail.get("addOns"));
        Source source = source(text(detail, "source"));
        Instant end = dependencies().rules().assignedTrialEnd(text(detail, "expirationDate"),
                dependencies().clock().instant());
        return dependencies().customers().assign((String) event.get("id"), partnerId, customer, source, end);
    }

    // Every key of the partner's data starts from it: without one there is no partner to assign the customer to.
    private static String partnerId(String value) {
        if (value == null || value.isBlank()) {
            throw ValidationException.of("partnerId", "is required: the partner the customer is assigned to");
        }
        if (value.length() > MAX_PARTNER_ID || value.chars().anyMatch(c -> c < 0x20 || c == '#')) {
            throw ValidationException.of("partnerId", "must be at most " + MAX_PARTNER_ID
                    + " characters, without control characters or '#'");
        }
        return value;
    }

    private static String text(Map<String, Object> detail, String field) {
        Object value = detail.get(field);
        if (value != null && !(value instanceof String)) {
            throw ValidationException.of(field, "must be a string");
        }
        return (String) value;
    }

    private static Source source(String value) {
        try {
            Source source = Source.valueOf(value == null ? "" : value.toUpperCase(Locale.ROOT));
            if (source == Source.MSP) {
                throw ValidationException.of("source", "MSP customers are added by the partner itself");
            }
            return source;
        } catch (IllegalArgumentException unknown) {
            throw ValidationException.of("source", "must be one of DIRECT, MARKETPLACE");
        }
    }

    /** The table's client and item mapping; an assignment is only ever applied for real. */
    @Override
    protected void prime() {
        dependencies().primeStore();
    }
}
