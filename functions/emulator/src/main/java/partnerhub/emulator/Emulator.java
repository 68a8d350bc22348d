package partnerhub.emulator;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/** An AWS emulator the integration tests run against: moto's server here, LocalStack where Docker runs. */
public interface Emulator {

    /** The account every ARN of an emulated stack names: moto's. */
    String ACCOUNT_ID = "123456789012";

    URI endpoint();

    /** Every email the emulator's SES accepted since the last {@link #reset}. */
    List<SentEmail> sentEmails();

    /**
     * A count that grows with every email the emulator's SES accepts in {@code region}: cheap to ask, where
     * {@link #sentEmails} may not be (moto lists emails only in a dump of its whole state). Empty when the emulator
     * does not answer.
     */
    default OptionalLong sentCount(String region) {
        return OptionalLong.empty();
    }

    /** Forgets every resource and message, so each test starts from an empty account. */
    void reset();

    /** An email as the emulator recorded it (moto keeps the HTML part as the body). */
    record SentEmail(String from, List<String> to, List<String> cc, String subject, String body) {}
}
