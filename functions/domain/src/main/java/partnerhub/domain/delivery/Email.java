package partnerhub.domain.delivery;

import java.util.List;

/** A composed email, ready for the mailer. No CC: each recipient gets an email of its own (see {@link Mails}). */
public record Email(List<String> to, String subject, String html, String text) {

    public Email {
        to = List.copyOf(to);
    }
}
