package partnerhub.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Role;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.Template;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.ExecutionEnvironment.InitType;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.emulator.lambda.Response;
import partnerhub.lambda.iam.FunctionPolicies;
import partnerhub.lambda.iam.IamRequests;
import partnerhub.lambda.iam.PolicyAudit;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Stack;

/**
 * Every function of template.yaml run as Lambda runs it, in both init types, against moto: AWS's own runtime
 * interface client in a JVM of its own with the managed runtime's flags, the function's deployable artifact as its
 * task root, Lambda's reserved environment and, under SnapStart, container credentials, the {@code org.crac} hooks
 * and a restore that resets every connection the process held ({@link ExecutionEnvironment}). The init (with its
 * priming) writes, sends and publishes nothing; the function's {@code events/} sample, on a customer in the state
 * the sample needs, is answered as the contract says; an event it cannot read is reported as Lambda reports a
 * function error, and the environment lives on to answer the next.
 *
 * <p>Its IAM policy in template.yaml is held to the calls it really made, both ways: every call (init and restore
 * included) is one the policy allows, and every action the policy allows is one some invocation made, or its
 * statement says why not ({@link PolicyAudit}). Where a sample alone takes no path to a grant, {@link #EXTRAS} go
 * there.
 */
class LambdaRuntimeMotoIT {

    static final String PARTNER = "msp-contoso";
    /** The customer id every sample names. */
    static final String SAMPLE_ID = "01KAWJ5N8Q0000000000000000";

    static Stack stack;
    static PolicyAudit policies;
    static final Set<String> AUDITED = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void provision() {
        stack = Stack.provision(MotoServer.shared());
        policies = new PolicyAudit(new FunctionPolicies(Template.path(), stack.references()),
                IamRequests.of(Template.load(), Stack.REGION.id(), Stack.ACCOUNT));
    }

    /** Every grant of each function that ran was used by some invocation, or its statement says why not. */
    @AfterAll
    static void everyGrantWasExercisedOrSaysWhyNot() {
        var unexercised = new ArrayList<String>();
        AUDITED.stream().sorted().forEach(id -> unexercised.addAll(policies.unexercised(id)));
        assertEquals(List.of(), unexercised);
    }

    /** Every function in both init types; {@code -Dfunctions=A,B} narrows them, for a quicker look at a few. */
    static Stream<Arguments> functions() {
        String only = System.getProperty("functions", "");
        return LambdaFunction.logicalIds(Template.load()).stream()
                .filter(id -> only.isBlank() || Set.of(only.split(",")).contains(id))
                .flatMap(id -> Stream.of(InitType.values()).map(type -> Arguments.of(id, type)));
    }

    /** What each function's sample is answered with on its seeded customer: the status, or what the payload holds. */
    static final Map<String, Object> CONTRACT = Map.ofEntries(
            Map.entry("GetCatalogFunction", 200),
            Map.entry("CreateCustomerFunction", 201),
            Map.entry("ListCustomersFunction", 200),
            // The sample's filters match the seeded trial: the file has it.
            Map.entry("ExportCustomersFunction", Pattern.compile(".*\"statusCode\":200.*text/csv.*Seeded ExportCustomersFunction.*")),
            Map.entry("GetCustomerFunction", 200),
            Map.entry("UpdateCustomerFunction", 200),
            Map.entry("GetActivationLinkFunction", 200),
            Map.entry("RegenerateActivationLinkFunction", 200),
            Map.entry("ActivateFunction", 200),
            Map.entry("PreviewTrialExtensionFunction", 200),
            Map.entry("ExtendTrialFunction", 200),
            // Each customer's outcome is in the results: the sample's id is the seeded customer's.
            Map.entry("BulkCustomersFunction", Pattern.compile(".*\"statusCode\":200.*\\\\\"status\\\\\":200.*")),
            Map.entry("SetAutoUpgradeFunction", 200),
            Map.entry("ConvertCustomerFunction", 200),
            Map.entry("ListCustomerEventsFunction", 200),
            // The EventBridge consumers answer the customer they changed; the stream's, its batch response.
            Map.entry("CustomerAssignedFunction", Pattern.compile(
                    "(?=.*\"customerId\":\"[0-9A-Z]{26}\")(?=.*\"partnerId\":\"msp-contoso\")\\{.*}")),
            Map.entry("ImportProgressFunction", Pattern.compile(".*\"onboardingStatus\":\"IN_PROGRESS\".*")),
            Map.entry("DispatcherFunction", Pattern.compile("\\{\"batchItemFailures\":\\[]}")),
            // The scheduled ones, their run's summary.
            Map.entry("SweepFunction", Pattern.compile("\\{\"now\":\"2026-12-01T14:00:00Z\",\"due\":0,.*\"failed\":0,.*")),
            Map.entry("OutboxRelayFunction", Pattern.compile(".*\"Delivered\":0.*")));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("functions")
    void initsWritingNothingThenAnswersItsSampleAsTheContractSays(String logicalId, InitType initType)
            throws IOException {
        String event = sampleOnSeededCustomer(logicalId);
        var function = stack.lambdaFunction(logicalId);
        stack.publishedEvents(); // the seeding's, delivered and drained
        Set<String> itemsBefore = keys();
        int emailsBefore = stack.sentEmails().size();

        ExecutionEnvironment ran;
        try (var environment = ExecutionEnvironment.start(function, initType, stack.deployment(stack.endpoint()),
                System.out::println)) {
            ran = environment;
            assertEquals(itemsBefore, keys(), logicalId + "'s init wrote to the table");
            assertEquals(emailsBefore, stack.sentEmails().size(), logicalId + "'s init sent an email");
            assertEquals(List.of(), stack.publishedEvents(), logicalId + "'s init published an event");

            // A function error is reported through the Runtime API as Lambda reports one, and the environment lives on.
            Response unreadable = environment.invoke("[\"not an event\"]");
            assertEquals("Runtime.UserException", unreadable.errorType(), unreadable.toString());
            assertTrue(unreadable.text().contains("\"errorMessage\"") && unreadable.text().contains("\"stackTrace\""),
                    unreadable.toString());

            // The first AWS call after the init (under SnapStart: after the restore, on dead connections).
            Response response = environment.invoke(event);
            assertFalse(response.failed(), logicalId + " failed: " + response);
            Object expected = CONTRACT.get(logicalId);
            if (expected instanceof Integer status) {
                assertEquals(status, JSON.std.mapFrom(response.text()).get("statusCode"), response.toString());
            } else {
                assertTrue(((Pattern) expected).matcher(response.text()).matches(), response.toString());
            }

            if (initType == InitType.SNAP_START) {
                assertFalse(environment.environment().containsKey("AWS_ACCESS_KEY_ID"), "SnapStart sets no keys");
                if (!logicalId.equals("GetCatalogFunction")) {
                    assertTrue(environment.credentialReads() > 0, "its AWS calls signed with the container's"
                            + " credentials");
                }
            }
            for (Invocation extra : EXTRAS.getOrDefault(logicalId, List.of())) {
                Response answer = environment.invoke(extra.event().apply(event));
                assertFalse(answer.failed(), logicalId + " failed: " + answer);
                assertTrue(extra.answer().matcher(answer.text()).matches(), answer.toString());
            }

            assertEquals(List.of(), policies.denials(logicalId, environment.awsCalls()));
            AUDITED.add(logicalId);
            assertEquals(Set.of(), environment.taskRootChanges(), "the task root is read-only");
            assertTrue(environment.tmpBytes() <= ExecutionEnvironment.TMP_BYTES, "/tmp holds at most 512 MB");
        }
        assertNamedAsDeployed(ran); // once closed: every line read
    }

    /**
     * An invocation after the sample: its event, made from the sample's (seeding the state it needs first), and what
     * its answer holds.
     */
    record Invocation(UnaryOperator<String> event, Pattern answer) {}

    /** A page of one, after {@code seed} has made two entries at least, so the answer signs a token for the next. */
    static Invocation pageOfOne(java.util.function.Consumer<String> seed) {
        return new Invocation(sample -> {
            seed.accept(sample);
            return sample.replace("limit=25", "limit=1").replace("\"limit\": \"25\"", "\"limit\": \"1\"");
        }, Pattern.compile("(?=.*\"statusCode\":200)(?=.*nextToken\\\\\":\\\\\"\\w).*"));
    }

    static final Actor ALICE = new Actor(PARTNER, "alice@msp-contoso.example", Role.ADMIN);

    /** The paths to the grants a sample alone does not take. */
    static final Map<String, List<Invocation>> EXTRAS = Map.of(
            "ListCustomersFunction", List.of(pageOfOne(sample -> {
                for (int i = 0; i < 2; i++) {
                    stack.dependencies(Clock.systemUTC()).customers().create(ALICE,
                            new NewCustomer("Pending " + i, "it@pending.example", "STANDARD", List.of()), null);
                }
            })),
            // Two changes, two more lines in the customer's log.
            "ListCustomerEventsFunction", List.of(pageOfOne(sample -> {
                var trials = stack.dependencies(Clock.systemUTC()).trials();
                String id = sample.replaceFirst("(?s).*\"/customers/([0-9A-Z]{26})/events\".*", "$1");
                trials.setAutoUpgrade(ALICE, id, false);
                trials.setAutoUpgrade(ALICE, id, true);
            })),
            // A new customer's activation email and event, and an email no template can be filled from (parked).
            "DispatcherFunction", List.of(new Invocation(sample -> {
                var outbox = new OutboxFixtures(stack);
                var entries = new ArrayList<>(outbox.ofNewCustomer(Clock.systemUTC()));
                entries.addAll(outbox.withUncomposableEmail(outbox.ofNewCustomer(Clock.systemUTC())));
                return OutboxFixtures.insertBatch(entries);
            }, Pattern.compile("\\{\"batchItemFailures\":\\[]}"))),
            // The same, left undelivered past the stream's bound; then the parked email put back.
            "OutboxRelayFunction", List.of(
                    new Invocation(sample -> {
                        var outbox = new OutboxFixtures(stack);
                        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
                        outbox.ofNewCustomer(tenMinutesAgo);
                        outbox.withUncomposableEmail(outbox.ofNewCustomer(tenMinutesAgo));
                        return sample;
                    }, Pattern.compile("(?=.*\"Delivered\":([3-9]|\\d{2,}))(?=.*\"Parked\":[1-9]).*")),
                    new Invocation(sample -> "{\"replayParked\": true}", Pattern.compile("\\{\"replayed\":[1-9]\\d*}"))),
            // A run three days on: the trials seeded ten days long are due their first notice.
            "SweepFunction", List.of(new Invocation(sample -> sample.replace("2026-12-01T14:00:00Z",
                    Instant.now().plus(Duration.ofDays(3).plusHours(1)).truncatedTo(ChronoUnit.SECONDS).toString()),
                    Pattern.compile("\\{\"now\":\"[^\"]+\",\"due\":[1-9]\\d*,\"notices\":[1-9]\\d*,.*\"failed\":0,.*"))));

    /** Every JSON line names the function as CloudFormation named it, never a redacted token in its place. */
    static void assertNamedAsDeployed(ExecutionEnvironment environment) throws IOException {
        int named = 0;
        for (String line : environment.logLines()) {
            if (line.startsWith("{") && line.contains("\"function_name\"")) {
                assertEquals(environment.functionName(), JSON.std.mapFrom(line).get("function_name"), line);
                named++;
            }
        }
        assertTrue(named > 0, "some line names the function: " + environment.logLines());
    }

    /**
     * The function's sample, naming a customer seeded for it: an onboarded MSP trial for the routes that act on a
     * trial, a pending one (with its activation token) for the others.
     */
    static String sampleOnSeededCustomer(String logicalId) throws IOException {
        String event = Files.readString(sample(logicalId));
        var dependencies = stack.dependencies(Clock.systemUTC());
        var created = dependencies.customers().create(new Actor(PARTNER, "alice@msp-contoso.example", Role.ADMIN),
                new NewCustomer("Seeded " + logicalId, "it@seeded.example", "STANDARD", List.of()), null);
        String id = created.customer().customerId();
        Instant trialEnd = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        if (!Set.of("GetActivationLinkFunction", "RegenerateActivationLinkFunction", "ImportProgressFunction",
                "ActivateFunction", "UpdateCustomerFunction").contains(logicalId)) {
            stack.seed(Clock.systemUTC()).completeOnboarding(PARTNER, id, trialEnd);
        }
        var token = Pattern.compile("token=([^&#]+)").matcher(created.activationLink().url());
        token.find();
        // EventBridge events get a new id each time: a consumer applies one event id once. So does the bulk sample's
        // Idempotency-Key, which names its customers.
        return event.replace(SAMPLE_ID, id).replace("5b8f2c1e-7a3d-4e9b-8c6f-0d1e2f3a4b5c", UUID.randomUUID().toString()).replace("2026-12-08T14:00:00Z", trialEnd.toString())
                .replace("3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token.group(1))
                .replaceFirst("\"id\": \"[0-9a-f-]{36}\"", "\"id\": \"" + java.util.UUID.randomUUID() + "\"");
    }

    /** {@code CreateCustomerFunction} takes {@code events/create-customer.json}. */
    static Path sample(String logicalId) {
        String name = logicalId.replaceFirst("Function$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        return ApiEvents.path(name + ".json");
    }

    private static Set<String> keys() {
        var keys = new TreeSet<String>();
        stack.allItems().forEach(item -> keys.add(item.get("pk").s() + " " + item.get("sk").s()));
        return keys;
    }
}
