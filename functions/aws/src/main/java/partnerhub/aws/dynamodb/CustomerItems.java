package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.bool;
import static partnerhub.aws.dynamodb.Attributes.instant;
import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.number;
import static partnerhub.aws.dynamodb.Attributes.s;
import static partnerhub.aws.dynamodb.Attributes.string;
import static partnerhub.aws.dynamodb.Attributes.strings;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.ImportState;
import partnerhub.domain.customer.NoticeSent;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.listing.SortKeys;
import partnerhub.domain.trial.Lifecycle;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps customers to items and back, with the index keys that follow from the customer's state. */
final class CustomerItems {

    private final Lifecycle lifecycle;

    CustomerItems(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The customer's attributes alone, as kept inside an idempotency record. */
    static Map<String, AttributeValue> attributes(Customer c) {
        var item = new HashMap<String, AttributeValue>();
        item.put("customerId", s(c.customerId()));
        item.put("partnerId", s(c.partnerId()));
        item.put("organizationName", s(c.organizationName()));
        item.put("notificationEmail", s(c.notificationEmail()));
        item.put("sku", s(c.sku()));
        item.put("addOns", strings(c.addOns()));
        item.put("source", s(c.source().name()));
        item.put("onboardingStatus", s(c.onboardingStatus().name()));
        item.put("accountType", s(c.accountType().name()));
        item.put("status", s(c.status().name()));
        putIfPresent(item, "expirationDate", c.expirationDate());
        item.put("autoUpgrade", bool(c.autoUpgrade()));
        item.put("trialExtensions", n(c.trialExtensions()));
        item.put("importErrorCount", n(c.importErrorCount()));
        putIfPresent(item, "lastEventMessage", c.lastEventMessage());
        putIfPresent(item, "createdBy", c.createdBy());
        if (c.activation() != null) {
            item.put("activationNonce", s(c.activation().nonce()));
            item.put("activationExpiresAt", s(c.activation().expiresAt().toString()));
        }
        if (c.importState() != null) {
            item.put("importState", s(c.importState().name()));
            item.put("importStateAt", s(c.importStateAt().toString()));
        }
        item.put("noticesSent", strings(c.noticesSent().stream().map(NoticeSent::toString).toList()));
        putIfPresent(item, "noticeClaimedAt", c.noticeClaimedAt());
        item.put("createdAt", s(c.createdAt().toString()));
        item.put("updatedAt", s(c.updatedAt().toString()));
        item.put("version", n(c.version()));
        return item;
    }

    /** The whole item: keys, attributes, and the index keys (the due index only while something is scheduled). */
    Map<String, AttributeValue> item(Customer c) {
        var item = attributes(c);
        item.put(TableDesign.PK, s(TableDesign.partnerKey(c.partnerId())));
        item.put(TableDesign.SK, s(TableDesign.customerSortKey(c.customerId())));
        item.put(TableDesign.VIEW_KEY, s(TableDesign.viewKey(c.partnerId(), c.view())));
        item.put(TableDesign.CUSTOMER_KEY, s(c.customerId()));
        item.put(TableDesign.EXPIRY_KEY, s(SortKeys.expiry(c)));
        item.put(TableDesign.NAME_KEY, s(SortKeys.name(c)));
        item.put(TableDesign.SEARCH_NAME, s(SortKeys.lower(c.organizationName())));
        item.put(TableDesign.SEARCH_EMAIL, s(SortKeys.lower(c.notificationEmail())));
        lifecycle.nextDueAt(c).ifPresent(due -> {
            item.put(TableDesign.DUE_SHARD, s(TableDesign.dueShard(c.customerId())));
            item.put(TableDesign.DUE_AT, n(due.getEpochSecond()));
        });
        return item;
    }

    static Customer customer(Map<String, AttributeValue> item) {
        String nonce = string(item, "activationNonce");
        String importState = string(item, "importState");
        return new Customer(
                string(item, "customerId"),
                string(item, "partnerId"),
                string(item, "organizationName"),
                string(item, "notificationEmail"),
                string(item, "sku"),
                strings(item, "addOns"),
                Source.valueOf(string(item, "source")),
                OnboardingStatus.valueOf(string(item, "onboardingStatus")),
                AccountType.valueOf(string(item, "accountType")),
                Status.valueOf(string(item, "status")),
                instant(item, "expirationDate"),
                bool(item, "autoUpgrade"),
                (int) number(item, "trialExtensions"),
                (int) number(item, "importErrorCount"),
                string(item, "lastEventMessage"),
                string(item, "createdBy"),
                nonce == null ? null : new ActivationLink.State(nonce, instant(item, "activationExpiresAt")),
                importState == null ? null : ImportState.valueOf(importState),
                instant(item, "importStateAt"),
                strings(item, "noticesSent").stream().map(NoticeSent::parse).toList(),
                instant(item, "noticeClaimedAt"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"),
                number(item, "version"));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, s(value instanceof Instant at ? at.toString() : value.toString()));
        }
    }
}
