package partnerhub.domain.listing;

import java.util.Comparator;
import partnerhub.domain.customer.Customer;

/** The orders a listing can come in, each named by its {@code sort} parameter. */
public enum Sort {
    NEWEST_FIRST("-createdAt"),
    OLDEST_FIRST("createdAt"),
    /** Soonest first; customers without an expiration date last. */
    EXPIRATION_DATE("expirationDate"),
    /** A to Z, case and accents aside. */
    ORGANIZATION_NAME("organizationName");

    private final String parameter;

    Sort(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** The key the store orders by: ids sort by creation, and every other key ends with the id, so none tie. */
    public String key(Customer customer) {
        return switch (this) {
            case NEWEST_FIRST, OLDEST_FIRST -> customer.customerId();
            case EXPIRATION_DATE -> SortKeys.expiry(customer);
            case ORGANIZATION_NAME -> SortKeys.name(customer);
        };
    }

    public boolean descending() {
        return this == NEWEST_FIRST;
    }

    public Comparator<Customer> order() {
        Comparator<Customer> ascending = Comparator.comparing(this::key);
        return descending() ? ascending.reversed() : ascending;
    }
}
