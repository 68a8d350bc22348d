package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import partnerhub.aws.AwsClients;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's EventBridge rules, on the emulator's real EventBridge: each rule's pattern matches there and sends
 * to a queue, which this router drains into the target function's handler, as an asynchronous invocation (with the
 * function's retries and failure destination, {@link AsyncInvoker}). One more rule copies every event on the bus into
 * the list {@code GET /local/events} shows.
 */
final class EventRouter {

    private static final System.Logger LOG = System.getLogger(EventRouter.class.getName());

    private record Target(String queueUrl, Functions.Function function) {}

    private final SqsClient sqs;
    private final AsyncInvoker invoker;
    private final EventBridgeClient eventBridge;
    private final String busName;
    private final List<Target> targets = new ArrayList<>();
    private final String captureQueueUrl;
    private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();

    // Names carry the stack name, so two runtimes on one emulator (--endpoint) never share a queue.
    EventRouter(AwsClients clients, SqsClient sqs, String stackName, String busName, Functions functions,
                AsyncInvoker invoker) {
        this.sqs = sqs;
        this.invoker = invoker;
        this.eventBridge = clients.eventBridge();
        this.busName = busName;
        for (Functions.Function function : functions.all()) {
            for (Functions.Rule rule : function.rules()) {
                targets.add(new Target(route(stackName + "-" + rule.name(), json(rule.pattern())), function));
            }
        }
        this.captureQueueUrl = route(stackName + "-capture-all", "{\"source\":[{\"prefix\":\"\"}]}");
    }

    private String route(String ruleName, String pattern) {
        String queueUrl = sqs.createQueue(request -> request.queueName(ruleName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(request -> request.name(ruleName).eventBusName(busName).eventPattern(pattern));
        eventBridge.putTargets(request -> request.rule(ruleName).eventBusName(busName)
                .targets(target -> target.id("local").arn(queueArn)));
        return queueUrl;
    }

    /** Puts an event on the bus, as another system would, and delivers what the rules matched. */
    String put(String source, String detailType, Map<String, Object> detail, Clock clock) {
        String id = eventBridge.putEvents(request -> request.entries(entry -> entry.eventBusName(busName)
                .source(source).detailType(detailType).detail(json(detail)).time(clock.instant())))
                .entries().getFirst().eventId();
        deliver();
        return id;
    }

    /**
     * Drains every rule's queue into its function, and the capture queue into the published list.
     *
     * @return how many events were handed to a function (whether it succeeded or gave up)
     */
    synchronized int deliver() {
        int delivered = 0;
        for (Target target : targets) {
            for (Message message : drain(target.queueUrl())) {
                try {
                    invoker.invoke(target.function(), JSON.std.mapFrom(message.body()));
                    delivered++;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "not an event: " + message.body());
                }
            }
        }
        for (Message message : drain(captureQueueUrl)) {
            try {
                Map<String, Object> event = JSON.std.mapFrom(message.body());
                var entry = new LinkedHashMap<String, Object>();
                entry.put("source", event.get("source"));
                entry.put("detailType", event.get("detail-type"));
                entry.put("detail", event.get("detail"));
                entry.put("time", event.get("time"));
                published.add(entry);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "not an event: " + message.body());
            }
        }
        return delivered;
    }

    /** What the capture rule has seen, as of the last {@link #deliver}. */
    List<Map<String, Object>> published() {
        return List.copyOf(published);
    }

    private List<Message> drain(String queueUrl) {
        var all = new ArrayList<Message>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (Message message : messages) {
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            all.addAll(messages);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
