package partnerhub.domain.delivery;

/** The emails the product sends; each has a subject, an HTML and a text template in {@code /mail/}. */
public enum MailTemplate {
    ACTIVATION("activation"),
    CONVERTED("converted"),
    NOTICE("notice"),
    UPGRADED("upgraded"),
    EXPIRED("expired");

    private final String resourceName;

    MailTemplate(String resourceName) {
        this.resourceName = resourceName;
    }

    public String resourceName() {
        return resourceName;
    }
}
