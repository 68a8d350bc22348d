package partnerhub.domain.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.signing.ActivationLinks;

/**
 * Turns a {@link MailRequest} into an {@link Email} from the templates in {@code /mail/}: {@code {{name}}} is
 * replaced by the value, HTML-escaped in the HTML part. An unknown placeholder is a bug, so it fails loudly.
 */
public final class EmailComposer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final ActivationLinks links;
    // The sweep composes from many threads at once.
    private final Map<String, String> templates = new ConcurrentHashMap<>();

    public EmailComposer(ActivationLinks links) {
        this.links = links;
    }

    /**
     * The email, or {@link DeliveryRefusedException} for what can never be composed (a missing template, a value the
     * template needs and the request lacks, a malformed link expiry), which parks it. Anything else, a signing key
     * that cannot be read for a moment, is thrown as it is: transient, retried with the entry's backoff.
     */
    public Email compose(MailRequest request) {
        Map<String, String> values = withActivationLink(request.values());
        String name = request.template().resourceName();
        return new Email(request.to(),
                fill(template(name + ".subject.txt").strip(), values, false),
                fill(template(name + ".html"), values, true),
                fill(template(name + ".txt"), values, false));
    }

    // The link's signature never waits in the outbox: the request carries the nonce, the link is made here.
    private Map<String, String> withActivationLink(Map<String, String> values) {
        String nonce = values.get("activationNonce");
        if (nonce == null) {
            return values;
        }
        var withLink = new HashMap<>(values);
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(String.valueOf(values.get("activationExpiresAt")));
        } catch (DateTimeParseException malformed) {
            throw new DeliveryRefusedException("the activation link's expiry is not an instant", malformed);
        }
        var state = new ActivationLink.State(nonce, expiresAt);
        withLink.put("activationLink", links.link(state).url());
        return withLink;
    }

    private String template(String resource) {
        return templates.computeIfAbsent(resource, EmailComposer::load);
    }

    private static String load(String resource) {
        try (InputStream in = EmailComposer.class.getResourceAsStream("/mail/" + resource)) {
            if (in == null) {
                throw new DeliveryRefusedException("missing mail template /mail/" + resource, null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new DeliveryRefusedException("no value for {{" + matcher.group(1) + "}}", null);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        return matcher.appendTail(out).toString();
    }

    static String escapeHtml(String value) {
        var out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
