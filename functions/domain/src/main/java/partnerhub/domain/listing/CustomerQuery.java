package partnerhub.domain.listing;

import java.util.Comparator;
import partnerhub.domain.customer.Customer;

/** A listing of a partner's customers: which ones, in which order. */
public record CustomerQuery(CustomerFilter filter, Sort sort) {

    public static final CustomerQuery NEWEST_FIRST = new CustomerQuery(CustomerFilter.ALL, Sort.NEWEST_FIRST);

    public boolean matches(Customer customer) {
        return filter.matches(customer);
    }

    public Comparator<Customer> order() {
        return sort.order();
    }

    /**
     * The listing named in full, which a page token is sealed with: a token read under other filters or another sort
     * would start at a place that means nothing there. The filter's text is a value of ours, never parsed back.
     */
    public String scope() {
        return "sort=" + sort.parameter() + "&" + filter.canonical();
    }
}
