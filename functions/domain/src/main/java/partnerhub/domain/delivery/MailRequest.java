package partnerhub.domain.delivery;

import java.util.List;
import java.util.Map;

/**
 * An email to send, as the values its template needs. It holds no secret (an activation link is rebuilt from its
 * nonce when the email is composed), so it can wait in the outbox.
 */
public record MailRequest(MailTemplate template, List<String> to, Map<String, String> values) implements Effect {

    public MailRequest {
        to = List.copyOf(to);
        values = Map.copyOf(values);
    }
}
