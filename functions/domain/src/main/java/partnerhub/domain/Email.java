package partnerhub.domain;

import java.util.List;

/** A composed email, ready for the mailer. */
public record Email(List<String> to, List<String> cc, String subject, String html, String text) {

    public Email {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }
}
