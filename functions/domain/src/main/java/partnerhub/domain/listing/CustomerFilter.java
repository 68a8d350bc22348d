package partnerhub.domain.listing;

import java.time.Instant;
import java.util.StringJoiner;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.View;

/**
 * What a listing keeps of a partner's customers: every field that is set must match (AND); null fields match all.
 *
 * @param q              a case-insensitive substring of the organization name or of the notification email
 * @param expiresBefore  expiration date strictly before it; customers without one never match
 * @param expiresAfter   expiration date at or after it; customers without one never match
 */
public record CustomerFilter(
        View view,
        String q,
        AccountType accountType,
        Status status,
        OnboardingStatus onboardingStatus,
        Source source,
        Boolean autoUpgrade,
        Instant expiresBefore,
        Instant expiresAfter) {

    public static final CustomerFilter ALL = new CustomerFilter(null, null, null, null, null, null, null, null, null);

    public static CustomerFilter of(View view) {
        return new CustomerFilter(view, null, null, null, null, null, null, null, null);
    }

    public boolean matches(Customer c) {
        return (view == null || c.view() == view)
                && (q == null || SortKeys.lower(c.organizationName()).contains(SortKeys.lower(q))
                        || SortKeys.lower(c.notificationEmail()).contains(SortKeys.lower(q)))
                && (accountType == null || c.accountType() == accountType)
                && (status == null || c.status() == status)
                && (onboardingStatus == null || c.onboardingStatus() == onboardingStatus)
                && (source == null || c.source() == source)
                && (autoUpgrade == null || c.autoUpgrade() == autoUpgrade)
                && (expiresBefore == null || c.expirationDate() != null && c.expirationDate().isBefore(expiresBefore))
                && (expiresAfter == null || c.expirationDate() != null && !c.expirationDate().isBefore(expiresAfter));
    }

    /** The view this filter keeps to: the one asked for, or the one its onboarding status lies in. */
    public View impliedView() {
        return view != null ? view : onboardingStatus == null ? null : View.of(onboardingStatus);
    }

    /** One line naming every field, for the page token's seal: a token opens only under the same filter. */
    String canonical() {
        var line = new StringJoiner("&");
        // q's length first, so no q can pass for the fields after it
        line.add("view=" + view).add("q=" + (q == null ? "null" : q.length() + ":" + q)).add("accountType=" + accountType).add("status=" + status)
                .add("onboardingStatus=" + onboardingStatus).add("source=" + source).add("autoUpgrade=" + autoUpgrade)
                .add("expiresBefore=" + expiresBefore).add("expiresAfter=" + expiresAfter);
        return line.toString();
    }
}
