package partnerhub.domain.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import partnerhub.domain.customer.EmailAddress;
import partnerhub.domain.customer.NewCustomer;

/** The rules a customer's fields must keep, checked all at once so a partner sees every bad field in one answer. */
public final class CustomerRules {

    public static final int MAX_ORGANIZATION_NAME = 100;
    /**
     * The furthest an expiration date may lie ahead: ten years. Beyond it is a typo, not a term, and an unbounded
     * date overflows what the lifecycle adds to it and what a browser can show (a year past 275760).
     */
    public static final Duration MAX_AHEAD = Duration.ofDays(3653);
    static final String TOO_FAR = "must be at most ten years ahead";

    /** An edit that would change nothing: its error, on the field {@code body}. */
    public static final String NOTHING_TO_CHANGE = "must change at least one of sku, addOns, expirationDate";

    private final Catalog catalog;

    public CustomerRules(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Null values are fields the request left out. */
    public NewCustomer newCustomer(String organizationName, String notificationEmail, String sku, List<String> addOns) {
        List<FieldError> errors = new ArrayList<>();
        String name = organizationName(organizationName, errors);
        String email = notificationEmail(notificationEmail, errors);
        checkSku(sku, errors);
        List<String> chosenAddOns = addOns == null ? List.of() : addOns;
        checkAddOns(chosenAddOns, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new NewCustomer(name, email, sku, chosenAddOns);
    }

    /**
     * Changes to an existing customer (an edit or a conversion); null values are fields the request left out.
     *
     * @param expirationDate an ISO-8601 instant, which must be after {@code now}
     */
    public CustomerUpdate update(String sku, List<String> addOns, String expirationDate, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (sku != null) {
            checkSku(sku, errors);
        }
        if (addOns != null) {
            checkAddOns(addOns, errors);
        }
        Instant expiration = expirationDate == null ? null : futureInstant("expirationDate", expirationDate, now, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CustomerUpdate(sku, addOns == null ? null : List.copyOf(addOns), expiration);
    }

    /** An edit of an existing customer: changes as {@link #update} reads them, of which there must be one. */
    public CustomerUpdate edit(String sku, List<String> addOns, String expirationDate, Instant now) {
        CustomerUpdate update = update(sku, addOns, expirationDate, now);
        if (update.isEmpty()) {
            throw ValidationException.of("body", NOTHING_TO_CHANGE);
        }
        return update;
    }

    private static Instant futureInstant(String field, String value, Instant now, List<FieldError> errors) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            errors.add(new FieldError(field, "must be a UTC instant in ISO-8601, like 2026-12-08T14:00:00Z"));
            return null;
        }
        if (!instant.isAfter(now)) {
            errors.add(new FieldError(field, "must be in the future"));
        } else if (instant.isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError(field, TOO_FAR));
        }
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The trial end another system gives a customer it assigns: an ISO-8601 instant, at most {@link #MAX_AHEAD}
     * ahead (one in the past is a trial that already ended, which the sweep ends).
     */
    public Instant assignedTrialEnd(String value, Instant now) {
        Instant instant;
        try {
            instant = value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            instant = null;
        }
        if (instant == null) {
            throw ValidationException.of("expirationDate", "must be the trial's end, an ISO-8601 UTC instant");
        }
        if (instant.isAfter(now.plus(MAX_AHEAD))) {
            throw ValidationException.of("expirationDate", TOO_FAR);
        }
        return instant;
    }

    private static String organizationName(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("organizationName", "is required"));
            return null;
        }
        String name = value.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_ORGANIZATION_NAME) {
            errors.add(new FieldError("organizationName", "must be 1 to " + MAX_ORGANIZATION_NAME + " characters"));
        } else if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            errors.add(new FieldError("organizationName", "must not contain control characters"));
        }
        return name;
    }

    private static String notificationEmail(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("notificationEmail", "is required"));
            return null;
        }
        String email = value.strip();
        if (email.length() > EmailAddress.MAX_LENGTH) {
            errors.add(new FieldError("notificationEmail", "must be at most " + EmailAddress.MAX_LENGTH + " characters"));
        } else if (!EmailAddress.isValid(email)) {
            errors.add(new FieldError("notificationEmail", "must be a valid email address"));
        }
        return email;
    }

    private void checkSku(String sku, List<FieldError> errors) {
        if (sku == null) {
            errors.add(new FieldError("sku", "is required"));
        } else if (!catalog.hasSku(sku)) {
            errors.add(new FieldError("sku", "must be one of the catalog's SKUs"));
        }
    }

    private void checkAddOns(List<String> addOns, List<FieldError> errors) {
        var seen = new HashSet<String>();
        for (int i = 0; i < addOns.size(); i++) {
            String addOn = addOns.get(i);
            if (!catalog.hasAddOn(addOn)) {
                errors.add(new FieldError("addOns[" + i + "]", "must be one of the catalog's add-ons"));
            } else if (!seen.add(addOn)) {
                errors.add(new FieldError("addOns[" + i + "]", "is a duplicate"));
            }
        }
    }
}
