package partnerhub.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.ExecutionEnvironment.Deployment;
import partnerhub.emulator.lambda.ExecutionEnvironment.InitFailed;
import partnerhub.emulator.lambda.ExecutionEnvironment.InitType;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.emulator.lambda.Response;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Stack;

/**
 * Where Lambda's platform differs from a test calling a handler, each pinned in the execution environment: the
 * first call after a SnapStart restore meets the dead connections of the snapshot and still succeeds; the trace
 * header Lambda passes each invoke reaches the logs and the X-Ray subsegments; a function that outlives its timeout
 * is killed; an init that fails is reported as Lambda reports it.
 */
class LambdaPlatformMotoIT {

    static Stack stack;

    @BeforeAll
    static void provision() {
        stack = Stack.provision(MotoServer.shared());
    }

    static LambdaFunction function(String logicalId) {
        return stack.lambdaFunction(logicalId);
    }

    static Deployment deployment(java.net.URI awsEndpoint) {
        return stack.deployment(awsEndpoint);
    }

    @Test
    void theFirstCallAfterARestoreMeetsTheSnapshotsDeadConnectionsAndSucceeds() throws IOException {
        // Its priming reads the signing keys for real, so the snapshot holds a connection to Secrets Manager.
        try (var environment = ExecutionEnvironment.start(function("CreateCustomerFunction"), InitType.SNAP_START,
                deployment(stack.endpoint()), line -> {})) {
            assertTrue(environment.init().connectionsCut() > 0, "the process held connections at the snapshot");
            int callsBefore = environment.awsCalls().size();

            Response created = environment.invoke(Files.readString(ApiEvents.path("create-customer.json")));

            assertEquals(201, JSON.std.mapFrom(created.text()).get("statusCode"), created.toString());
            assertTrue(environment.awsCalls().size() > callsBefore, "it called AWS after the restore");
            assertTrue(environment.credentialReads() > 0, "with the container's credentials");
        }
    }

    @Test
    void eachInvokesTraceHeaderReachesItsLogLinesAndItsXRaySubsegments() throws Exception {
        ExecutionEnvironment ran;
        List<Response> responses;
        try (var environment = ExecutionEnvironment.start(function("GetCustomerFunction"), InitType.ON_DEMAND,
                deployment(stack.endpoint()), line -> {})) {
            ran = environment;
            String event = Files.readString(ApiEvents.path("get-customer.json"));
            responses = List.of(environment.invoke(event), environment.invoke(event));
            // The subsegments go over UDP without waiting: given a moment to arrive.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!responses.stream().allMatch(response -> environment.xraySegments().stream()
                    .anyMatch(segment -> segment.contains(root(response)))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        for (Response response : responses) {
            assertFalse(response.failed(), response.toString());
            String root = root(response);
            assertTrue(ran.logLines().stream().anyMatch(line -> line.contains("\"function_request_id\":\""
                    + response.requestId() + "\"") && line.contains("\"xray_trace_id\":\"" + root + "\"")),
                    "a line names the invoke's request id and trace: " + ran.logLines());
            assertTrue(ran.xraySegments().stream().anyMatch(segment -> segment.contains(root)),
                    "a subsegment of the invoke's trace: " + ran.xraySegments());
        }
    }

    /** The trace id of the header Lambda gave the invoke. */
    static String root(Response response) {
        return response.traceHeader().split(";")[0].substring("Root=".length());
    }

    @Test
    void aFunctionThatOutlivesItsTimeoutIsKilledAndItsEnvironmentIsGone() throws IOException {
        LambdaFunction oneSecond = function("GetCustomerFunction").withTimeout(Duration.ofSeconds(1));
        try (var proxy = FaultProxy.start(stack.endpoint());
             var environment = ExecutionEnvironment.start(oneSecond, InitType.ON_DEMAND,
                     deployment(proxy.endpoint()), line -> {});
             var _ = proxy.delay(FaultProxy.calls(FaultProxy.Service.DYNAMODB), Duration.ofSeconds(5))) {

            Response response = environment.invoke(Files.readString(ApiEvents.path("get-customer.json")));

            assertEquals("Sandbox.Timedout", response.errorType(), response.toString());
            assertTrue(response.text().contains("Task timed out after 1.00 seconds"), response.toString());
            assertFalse(environment.alive(), "Lambda kills the environment of a function that timed out");
        }
    }

    @Test
    void anInitThatFailsIsReportedThroughTheRuntimeApiAsLambdaReportsIt() {
        LambdaFunction sweep = function("SweepFunction");
        var variables = new HashMap<>(sweep.variables());
        variables.remove("TABLE_NAME");
        LambdaFunction withoutTable = sweep.withVariables(variables);

        for (InitType initType : InitType.values()) {
            var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
            var failed = assertThrows(InitFailed.class, () -> ExecutionEnvironment.start(withoutTable, initType,
                    deployment(stack.endpoint()), lines::add).close());
            // The runtime posts the error's type alone (init/error); the cause is in the function's log.
            assertEquals("Runtime.BadFunctionCode", failed.errorType(), failed.getMessage());
            assertTrue(lines.stream().anyMatch(line -> line.contains("TABLE_NAME is not set")), lines.toString());
        }
    }
}
