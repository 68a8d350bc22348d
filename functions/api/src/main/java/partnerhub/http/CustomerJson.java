package partnerhub.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.Customer;

/** The contract's Customer resource. */
public final class CustomerJson {

    /** The resource's fields, in the order {@link #of} writes them (and an export's columns come in). */
    public static final List<String> FIELDS = List.of("customerId", "organizationName", "notificationEmail", "sku",
            "addOns", "source", "onboardingStatus", "accountType", "status", "expirationDate", "autoUpgrade",
            "trialExtensions", "importErrorCount", "lastEventMessage", "createdAt", "updatedAt", "version");

    private CustomerJson() {}

    public static Map<String, Object> of(Customer c) {
        var json = new LinkedHashMap<String, Object>();
        json.put("customerId", c.customerId());
        json.put("organizationName", c.organizationName());
        json.put("notificationEmail", c.notificationEmail());
        json.put("sku", c.sku());
        json.put("addOns", c.addOns());
        json.put("source", c.source().name());
        json.put("onboardingStatus", c.onboardingStatus().name());
        json.put("accountType", c.accountType().name());
        json.put("status", c.status().name());
        json.put("expirationDate", c.expirationDate() == null ? null : c.expirationDate().toString());
        json.put("autoUpgrade", c.autoUpgrade());
        json.put("trialExtensions", c.trialExtensions());
        json.put("importErrorCount", c.importErrorCount());
        json.put("lastEventMessage", c.lastEventMessage());
        json.put("createdAt", c.createdAt().toString());
        json.put("updatedAt", c.updatedAt().toString());
        json.put("version", c.version());
        return json;
    }

    /** The customer with its {@code ETag}, which {@code If-Match} sends back. */
    public static ApiResponse response(int status, Map<String, Object> body, Customer c) {
        return ApiResponse.json(status, body).withHeader("ETag", "\"" + c.version() + "\"");
    }
}
