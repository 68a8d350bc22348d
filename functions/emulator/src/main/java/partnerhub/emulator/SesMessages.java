package partnerhub.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The emails an emulator's SES accepted, read from the listing each emulator serves. */
public final class SesMessages {

    private SesMessages() {}

    /** From moto's {@code /moto-api/data.json}, which keeps one body per email: the HTML part. */
    @SuppressWarnings("unchecked")
    public static List<Emulator.SentEmail> fromMoto(Map<String, Object> data) {
        var ses = (Map<String, Object>) data.getOrDefault("ses", Map.of());
        var emails = new ArrayList<Emulator.SentEmail>();
        for (Object item : (List<Object>) ses.getOrDefault("Message", List.of())) {
            var message = (Map<String, Object>) item;
            var destinations = (Map<String, Object>) message.getOrDefault("destinations", Map.of());
            emails.add(new Emulator.SentEmail((String) message.get("source"),
                    (List<String>) destinations.getOrDefault("ToAddresses", List.of()),
                    (List<String>) destinations.getOrDefault("CcAddresses", List.of()),
                    (String) message.get("subject"), (String) message.get("body")));
        }
        return emails;
    }

    /** From LocalStack's {@code /_aws/ses}. */
    @SuppressWarnings("unchecked")
    public static List<Emulator.SentEmail> fromLocalStack(Map<String, Object> listing) {
        var emails = new ArrayList<Emulator.SentEmail>();
        for (Object item : (List<Object>) listing.getOrDefault("messages", List.of())) {
            var message = (Map<String, Object>) item;
            var destination = (Map<String, Object>) message.getOrDefault("Destination", Map.of());
            var body = (Map<String, Object>) message.getOrDefault("Body", Map.of());
            emails.add(new Emulator.SentEmail((String) message.get("Source"),
                    (List<String>) destination.getOrDefault("ToAddresses", List.of()),
                    (List<String>) destination.getOrDefault("CcAddresses", List.of()),
                    (String) message.get("Subject"), (String) body.get("html_part")));
        }
        return emails;
    }
}
