package partnerhub.aws.ses;

import partnerhub.domain.Email;
import partnerhub.domain.port.Mailer;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;

/** Sends email through SES v2 from the verified sender identity. */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final String sender;

    public SesMailer(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public void send(Email email) {
        var message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                .build();
        ses.sendEmail(request -> request
                .fromEmailAddress(sender)
                .destination(destination -> destination.toAddresses(email.to()).ccAddresses(email.cc()))
                .content(content -> content.simple(message)));
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
