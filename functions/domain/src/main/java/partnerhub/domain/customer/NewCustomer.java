package partnerhub.domain.customer;

import java.util.List;

/** A partner's request to add a customer, already validated against the rules and the catalog. */
public record NewCustomer(String organizationName, String notificationEmail, String sku, List<String> addOns) {

    public NewCustomer {
        addOns = List.copyOf(addOns);
    }
}
