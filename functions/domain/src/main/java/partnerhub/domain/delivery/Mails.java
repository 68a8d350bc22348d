package partnerhub.domain.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.EmailAddress;
import partnerhub.domain.customer.TrialEnd;

/**
 * The emails each action sends, as the values their templates need. The partner user's copy is an email of its
 * own, never a CC: an address SES refuses then holds back only that copy, not the customer's email.
 */
public final class Mails {

    /** The most emails a notice, an upgrade or an expiry sends: the customer's and the partner user's copy. */
    public static final int MOST_PER_SWEEP_STEP = 2;

    private Mails() {}

    /** How many emails a notice, an upgrade or an expiry of {@code customer} sends, the partner user's copy included. */
    public static int perSweepStep(Customer customer) {
        return hasPartnerCopy(customer) ? 2 : 1;
    }

    public static MailRequest activation(Customer customer, ActivationLink.State link) {
        return toCustomer(MailTemplate.ACTIVATION, customer, Map.of(
                "organizationName", customer.organizationName(),
                "activationNonce", link.nonce(),
                "activationExpiresAt", link.expiresAt().toString()));
    }

    /** The trial-ending notice announcing {@code end}, to the customer alone (see {@link #partnerCopy}). */
    public static MailRequest notice(Customer customer, TrialEnd end) {
        return toCustomer(MailTemplate.NOTICE, customer, Map.of(
                "organizationName", customer.organizationName(),
                "expirationDate", customer.expirationDate().toString(),
                "outcome", end == TrialEnd.UPGRADE
                        ? "it will be upgraded to a production subscription automatically"
                        : "it will expire, and the account will stop working"));
    }

    /** The upgrade's email to the customer, and its copy to the partner user who added the customer. */
    public static List<MailRequest> upgraded(Customer customer) {
        return withPartnerCopy(customer, toCustomer(MailTemplate.UPGRADED, customer, Map.of(
                "organizationName", customer.organizationName(),
                "sku", customer.sku(),
                "expirationDate", customer.expirationDate().toString())));
    }

    /** The end of a trial (or subscription) that was not renewed, to the customer and the partner user. */
    public static List<MailRequest> expired(Customer customer) {
        return withPartnerCopy(customer, toCustomer(MailTemplate.EXPIRED, customer, Map.of(
                "organizationName", customer.organizationName(),
                "what", customer.accountType() == AccountType.TRIAL ? "trial" : "subscription",
                "expirationDate", customer.expirationDate().toString())));
    }

    public static MailRequest converted(Customer customer) {
        return toCustomer(MailTemplate.CONVERTED, customer, Map.of(
                "organizationName", customer.organizationName(),
                "sku", customer.sku(),
                "expirationDate", customer.expirationDate().toString()));
    }

    /**
     * The same email to the partner user who added the customer, when the token named one with a deliverable
     * address; empty otherwise.
     */
    public static List<MailRequest> partnerCopy(Customer customer, MailRequest mail) {
        return hasPartnerCopy(customer)
                ? List.of(new MailRequest(mail.template(), List.of(customer.createdBy()), mail.values()))
                : List.of();
    }

    private static boolean hasPartnerCopy(Customer customer) {
        return EmailAddress.isValid(customer.createdBy());
    }

    private static List<MailRequest> withPartnerCopy(Customer customer, MailRequest mail) {
        var mails = new ArrayList<MailRequest>();
        mails.add(mail);
        mails.addAll(partnerCopy(customer, mail));
        return mails;
    }

    private static MailRequest toCustomer(MailTemplate template, Customer customer, Map<String, String> values) {
        return new MailRequest(template, List.of(customer.notificationEmail()), values);
    }
}
