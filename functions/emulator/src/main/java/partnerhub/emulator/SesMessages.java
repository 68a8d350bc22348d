package partnerhub.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The emails an emulator's SES accepted, read from the listing each emulator serves. */
public final class SesMessages {

    private static final Pattern SENT_LAST_24_HOURS = Pattern.compile("<SentLast24Hours>([0-9.]+)</SentLast24Hours>");

    private SesMessages() {}

    /**
     * SES's {@code GetSendQuota}, whose {@code SentLast24Hours} moto counts up with every recipient sent to (an
     * emulator that answers otherwise, or not at all, gives an empty count): how {@link Emulator#sentCount} is
     * answered.
     */
    public static OptionalLong sentCount(HttpClient http, URI endpoint, String region) {
        var request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // An emulator routes by the credential's scope, and checks no signature.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/" + region
                        + "/ses/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetSendQuota&Version=2010-12-01")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            var sent = SENT_LAST_24_HOURS.matcher(response.body());
            return response.statusCode() == 200 && sent.find()
                    ? OptionalLong.of((long) Double.parseDouble(sent.group(1))) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

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
