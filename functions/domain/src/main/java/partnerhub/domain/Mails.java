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

    public static MailRequest converted(Customer customer) {
        return new MailRequest(MailTemplate.CONVERTED, List.of(customer.notificationEmail()), List.of(),
                Map.of("organizationName", customer.organizationName(),
                        "sku", customer.sku(),
                        "expirationDate", customer.expirationDate().toString()));
    }
}
