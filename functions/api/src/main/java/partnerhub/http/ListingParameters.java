package partnerhub.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.View;
import partnerhub.domain.listing.CustomerFilter;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.listing.Sort;
import partnerhub.domain.listing.SortKeys;
import partnerhub.domain.registry.CustomerService;
import partnerhub.domain.registry.FieldError;
import partnerhub.domain.registry.ValidationException;

/**
 * The query parameters of a customer listing ({@code GET /customers} and its export, contract section 10), read into
 * a {@link CustomerQuery}. Every bad value, and every parameter the route does not know, is named in one 400.
 */
public final class ListingParameters {

    /** The filters and the sort (the parameters both routes take). */
    static final Set<String> FILTERS = Set.of("view", "q", "accountType", "status", "onboardingStatus", "source",
            "autoUpgrade", "expiresBefore", "expiresAfter", "sort");

    public static final int MAX_Q_LENGTH = 100;

    private final ApiRequest request;
    private final List<FieldError> errors = new ArrayList<>();

    private ListingParameters(ApiRequest request) {
        this.request = request;
    }

    /**
     * The listing a request asks for.
     *
     * @param paging the route's own parameters beside the filters ({@code limit}, {@code nextToken}), read elsewhere
     */
    public static CustomerQuery read(ApiRequest request, Set<String> paging) {
        return new ListingParameters(request).query(paging);
    }

    private CustomerQuery query(Set<String> paging) {
        new TreeSet<>(request.query().keySet()).stream()
                .filter(name -> !FILTERS.contains(name) && !paging.contains(name))
                .forEach(name -> errors.add(new FieldError(name, "is not a parameter of this route")));
        var filter = new CustomerFilter(
                choice("view", value -> View.valueOf(value.toUpperCase(Locale.ROOT)), "pending, customers"),
                q(),
                choice("accountType", AccountType.class),
                choice("status", Status.class),
                choice("onboardingStatus", OnboardingStatus.class),
                choice("source", Source.class),
                choice("autoUpgrade", ListingParameters::bool, "true, false"),
                instant("expiresBefore"),
                instant("expiresAfter"));
        if (paging.contains("limit")) {
            limit();
        }
        Sort sort = choice("sort", ListingParameters::sort,
                Arrays.stream(Sort.values()).map(Sort::parameter).collect(Collectors.joining(", ")));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CustomerQuery(filter, sort == null ? Sort.NEWEST_FIRST : sort);
    }

    // Read again by the route; checked here too, so that a bad limit is named beside the filters' errors.
    private void limit() {
        String limit = request.query().get("limit");
        if (limit == null) {
            return;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size < 1 || size > CustomerService.MAX_PAGE_SIZE) {
                errors.add(new FieldError("limit", "must be from 1 to " + CustomerService.MAX_PAGE_SIZE));
            }
        } catch (NumberFormatException notANumber) {
            errors.add(new FieldError("limit", "must be a whole number"));
        }
    }

    private String q() {
        String q = request.query().get("q");
        if (q != null && (q.isEmpty() || q.length() > MAX_Q_LENGTH)) {
            errors.add(new FieldError("q", "must be 1 to " + MAX_Q_LENGTH + " characters"));
            return null;
        }
        return q;
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type) {
        return choice(name, value -> Enum.valueOf(type, value),
                Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private <T> T choice(String name, Function<String, T> parse, String allowed) {
        String value = request.query().get(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException unknown) {
            errors.add(new FieldError(name, "must be one of: " + allowed));
            return null;
        }
    }

    private Instant instant(String name) {
        String value = request.query().get(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            // The expiry keys hold 1970 to late 2286; an instant outside cannot bound them.
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(SortKeys.LATEST)) {
                errors.add(new FieldError(name, "must be an instant from 1970 to 2286"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException notAnInstant) {
            errors.add(new FieldError(name, "must be an instant, like 2026-12-08T14:00:00Z"));
            return null;
        }
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static Sort sort(String value) {
        return Arrays.stream(Sort.values()).filter(sort -> sort.parameter().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(value));
    }
}
