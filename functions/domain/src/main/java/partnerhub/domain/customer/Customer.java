package partnerhub.domain.customer;

import java.time.Instant;
import java.util.List;

/**
 * A partner's customer tenant. Immutable: every change makes a new value with the next {@code version}, which the
 * store writes only if the stored version is still the one this value was made from.
 *
 * @param expirationDate the end of the trial or subscription; null while the trial has not started
 * @param createdBy      the partner user who added the customer (the token's email claim), when known
 * @param activation     the live activation link, null once the customer activated
 * @param importState    the import pipeline's last state that the customer took, null before the first report
 * @param importStateAt  that report's time: a report older than it never moves the state back
 * @param noticesSent    the notices already sent for the current expiration date, each with what it announced
 * @param noticeClaimedAt when a sweep claimed the sending of a notice (real time), null when none is in flight
 */
public record Customer(
        String customerId,
        String partnerId,
        String organizationName,
        String notificationEmail,
        String sku,
        List<String> addOns,
        Source source,
        OnboardingStatus onboardingStatus,
        AccountType accountType,
        Status status,
        Instant expirationDate,
        boolean autoUpgrade,
        int trialExtensions,
        int importErrorCount,
        String lastEventMessage,
        String createdBy,
        ActivationLink.State activation,
        ImportState importState,
        Instant importStateAt,
        List<NoticeSent> noticesSent,
        Instant noticeClaimedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Customer {
        addOns = List.copyOf(addOns);
        noticesSent = List.copyOf(noticesSent);
    }

    /** A new TRIAL tenant: onboarding PENDING, trial not started, automatic upgrade on. */
    public static Customer newTrial(String customerId, String partnerId, NewCustomer request, Source source,
                                    String createdBy, ActivationLink.State activation, Instant now) {
        return new Customer(customerId, partnerId, request.organizationName(), request.notificationEmail(),
                request.sku(), request.addOns(), source, OnboardingStatus.PENDING, AccountType.TRIAL, Status.ACTIVE,
                null, true, 0, 0, null, createdBy, activation, null, null, List.of(), null, now, now, 1);
    }

    /** A customer another system brought, its onboarding done there and its trial running until {@code end}. */
    public static Customer assigned(String customerId, String partnerId, NewCustomer request, Source source,
                                    Instant end, Instant now) {
        return new Customer(customerId, partnerId, request.organizationName(), request.notificationEmail(),
                request.sku(), request.addOns(), source, OnboardingStatus.COMPLETED, AccountType.TRIAL, Status.ACTIVE,
                end, true, 0, 0, null, null, null, null, null, List.of(), null, now, now, 1);
    }

    /** A copy to change: {@link Editor#save} makes the next version, updated at the given instant. */
    public Editor edit() {
        return new Editor(this);
    }

    public View view() {
        return View.of(onboardingStatus);
    }

    /** What the trial's end will do, as things stand. */
    public TrialEnd trialEnd() {
        return TrialEnd.of(autoUpgrade);
    }

    /** Whether a notice delivered for the current expiration date announced {@code end}. */
    public boolean announced(TrialEnd end) {
        return noticesSent.stream().anyMatch(notice -> notice.announced() == end && !notice.refused());
    }

    /** Whether the mail service refused for good a notice announcing {@code end} for the current expiration date. */
    public boolean noticeRefused(TrialEnd end) {
        return noticesSent.stream().anyMatch(notice -> notice.announced() == end && notice.refused());
    }

    /**
     * Whether the notice of {@code day} announcing {@code end} was handled for the current expiration date: delivered,
     * or refused for good (not tried again).
     */
    public boolean announced(int day, TrialEnd end) {
        return noticesSent.stream().anyMatch(notice -> notice.day() == day && notice.announced() == end);
    }

    /** Changes a customer field by field; only {@link #save} makes a new value, with the next version. */
    public static final class Editor {

        private final Customer from;
        private String sku;
        private List<String> addOns;
        private OnboardingStatus onboardingStatus;
        private AccountType accountType;
        private Status status;
        private Instant expirationDate;
        private boolean autoUpgrade;
        private int trialExtensions;
        private int importErrorCount;
        private String lastEventMessage;
        private ActivationLink.State activation;
        private ImportState importState;
        private Instant importStateAt;
        private List<NoticeSent> noticesSent;
        private Instant noticeClaimedAt;

        private Editor(Customer from) {
            this.from = from;
            this.sku = from.sku;
            this.addOns = from.addOns;
            this.onboardingStatus = from.onboardingStatus;
            this.accountType = from.accountType;
            this.status = from.status;
            this.expirationDate = from.expirationDate;
            this.autoUpgrade = from.autoUpgrade;
            this.trialExtensions = from.trialExtensions;
            this.importErrorCount = from.importErrorCount;
            this.lastEventMessage = from.lastEventMessage;
            this.activation = from.activation;
            this.importState = from.importState;
            this.importStateAt = from.importStateAt;
            this.noticesSent = from.noticesSent;
            this.noticeClaimedAt = from.noticeClaimedAt;
        }

        public Editor sku(String value) {
            sku = value;
            return this;
        }

        public Editor addOns(List<String> value) {
            addOns = value;
            return this;
        }

        public Editor onboardingStatus(OnboardingStatus value) {
            onboardingStatus = value;
            return this;
        }

        public Editor accountType(AccountType value) {
            accountType = value;
            return this;
        }

        public Editor status(Status value) {
            status = value;
            return this;
        }

        /** A new end date also starts its notices over: each notice is sent once per expiration date. */
        public Editor expirationDate(Instant value) {
            if (!java.util.Objects.equals(value, expirationDate)) {
                noticesSent = List.of();
                noticeClaimedAt = null;
            }
            expirationDate = value;
            return this;
        }

        public Editor autoUpgrade(boolean value) {
            autoUpgrade = value;
            return this;
        }

        public Editor trialExtensions(int value) {
            trialExtensions = value;
            return this;
        }

        public Editor importErrorCount(int value) {
            importErrorCount = value;
            return this;
        }

        public Editor lastEventMessage(String value) {
            lastEventMessage = value;
            return this;
        }

        public Editor activation(ActivationLink.State value) {
            activation = value;
            return this;
        }

        /** The import pipeline's report that set the onboarding state, and its time. */
        public Editor importState(ImportState state, Instant at) {
            importState = state;
            importStateAt = at;
            return this;
        }

        public Editor noticesSent(List<NoticeSent> value) {
            noticesSent = value;
            return this;
        }

        public Editor noticeClaimedAt(Instant value) {
            noticeClaimedAt = value;
            return this;
        }

        public Customer save(Instant now) {
            return new Customer(from.customerId, from.partnerId, from.organizationName, from.notificationEmail, sku,
                    addOns, from.source, onboardingStatus, accountType, status, expirationDate, autoUpgrade,
                    trialExtensions, importErrorCount, lastEventMessage, from.createdBy, activation, importState,
                    importStateAt, noticesSent,
                    noticeClaimedAt, from.createdAt, now, from.version + 1);
        }
    }
}
