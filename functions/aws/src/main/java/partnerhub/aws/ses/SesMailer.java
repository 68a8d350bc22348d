package partnerhub.aws.ses;

import java.util.Locale;
import java.util.function.Supplier;
import partnerhub.domain.delivery.DeliveryRefusedException;
import partnerhub.domain.delivery.Email;
import partnerhub.domain.delivery.Mailer;
import partnerhub.domain.delivery.Redaction;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/**
 * Sends email through SES v2 from the verified sender identity. The client is built on the first email, so the
 * functions that never send one never pay for it at cold start.
 */
public final class SesMailer implements Mailer {

    private final Supplier<SesV2Client> ses;
    private final String sender;
    private final String configurationSet;

    /** @param configurationSet the configuration set each email names (its events feed the metrics), or null */
    public SesMailer(Supplier<SesV2Client> ses, String sender, String configurationSet) {
        this.ses = ses;
        this.sender = sender;
        this.configurationSet = configurationSet;
    }

    @Override
    public void send(Email email) {
        var message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                .build();
        try {
            ses.get().sendEmail(request -> request
                    .fromEmailAddress(sender)
                    .configurationSetName(configurationSet)
                    .destination(destination -> destination.toAddresses(email.to()))
                    .content(content -> content.simple(message)));
        } catch (MessageRejectedException | BadRequestException refused) {
            // The message or an address is refused for good; throttling, outages and paused sending pass.
            // SES quotes the refused address: the message keeps the reason, not the address. It names the
            // identities that failed its check, so a refusal naming the sender is the stack's, not this email's.
            String reason = refused.awsErrorDetails().errorMessage();
            boolean ofTheSender = reason != null && reason.toLowerCase(Locale.ROOT)
                    .contains(sender.toLowerCase(Locale.ROOT));
            throw new DeliveryRefusedException("SES refused the email: " + Redaction.redact(reason), refused,
                    ofTheSender);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
