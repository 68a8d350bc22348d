package partnerhub.domain;

import java.util.List;
import java.util.Map;

/** The emails each action sends, as the values their templates need. */
public final class Mails {

    private Mails() {}

    public static MailRequest activation(Customer customer, ActivationLink.State link) {
        return new MailRequest(MailTemplate.ACTIVATION, List.of(customer.notificationEmail()), List.of(),
                Map.of("organizationName", customer.organizationName(),
                        "activationNonce", link.nonce(),
                        "activationExpiresAt", link.expiresAt().toString()));
    }

    /** The trial-ending notice, to the customer and to the partner user who added it. */
    public static MailRequest notice(Customer customer) {
        return new MailRequest(MailTemplate.NOTICE, List.of(customer.notificationEmail()), partnerUser(customer),
                Map.of("organizationName", customer.organizationName(),
                        "expirationDate", customer.expirationDate().toString(),
                        "outcome", customer.autoUpgrade()
                                ? "it will be upgraded to a production subscription automatically"
                                : "it will expire, and the account will stop working"));
    }

    public static MailRequest upgraded(Customer customer) {
        return new MailRequest(MailTemplate.UPGRADED, List.of(customer.notificationEmail()), partnerUser(customer),
                Map.of("organizationName", customer.organizationName(),
                        "sku", customer.sku(),
                        "expirationDate", customer.expirationDate().toString()));
    }

    /** The end of a trial (or subscription) that was not renewed. */
    public static MailRequest expired(Customer customer) {
        return new MailRequest(MailTemplate.EXPIRED, List.of(customer.notificationEmail()), partnerUser(customer),
                Map.of("organizationName", customer.organizationName(),
                        "what", customer.accountType() == AccountType.TRIAL ? "trial" : "subscription",
                        "expirationDate", customer.expirationDate().toString()));
    }

    private static List<String> partnerUser(Customer customer) {
        return customer.createdBy() == null ? List.of() : List.of(customer.createdBy());
    }

    public static MailRequest converted(Customer customer) {
        return new MailRequest(MailTemplate.CONVERTED, List.of(customer.notificationEmail()), List.of(),
                Map.of("organizationName", customer.organizationName(),
                        "sku", customer.sku(),
                        "expirationDate", customer.expirationDate().toString()));
    }
}
