package partnerhub.wiring;

import java.time.Clock;
import java.util.function.Supplier;
import partnerhub.aws.AwsClients;
import partnerhub.aws.eventbridge.EventBridgePublisher;
import partnerhub.aws.ses.SesMailer;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.delivery.EffectDispatcher;
import partnerhub.domain.delivery.EmailComposer;
import partnerhub.domain.delivery.Outbox;
import partnerhub.domain.sweep.Sweep;
import partnerhub.domain.trial.Lifecycle;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * What sends and publishes: SES's and EventBridge's clients, the dispatcher, and the sweep (its notices are emails).
 * {@link Dependencies} builds it on first use, so the functions that only read and write the table never load a
 * class of SES or EventBridge, which their artifact (table-functions.jar) does not carry. The clients themselves
 * are built on their first call.
 */
final class Delivery {

    private final Supplier<SesV2Client> ses;
    private final Supplier<EventBridgeClient> eventBridge;
    private final EffectDispatcher dispatcher;
    private final Sweep sweep;

    Delivery(Settings settings, AwsClients clients, Outbox outbox, CustomerStore store, CustomerChanges changes,
             EmailComposer composer, Lifecycle lifecycle, Clock clock) {
        this.ses = AwsClients.lazily(clients::ses);
        this.eventBridge = AwsClients.lazily(clients::eventBridge);
        var mailer = new SesMailer(ses, settings.senderEmail(), settings.sesConfigurationSet());
        this.dispatcher = new EffectDispatcher(mailer, new EventBridgePublisher(eventBridge, settings.eventBusName()),
                composer, outbox, clock);
        this.sweep = new Sweep(store, changes, mailer, composer, lifecycle, settings.sweep());
    }

    EffectDispatcher dispatcher() {
        return dispatcher;
    }

    Sweep sweep() {
        return sweep;
    }

    /** SnapStart priming: both clients, built without a call (any call would send or publish). */
    void prime() {
        ses.get();
        eventBridge.get();
    }
}
