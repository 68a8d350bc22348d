package partnerhub.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.Template;

/**
 * {@code ./run-local invoke} as a newcomer runs it, in a process of its own (its exit status is part of its
 * contract): the function's answer on standard output and its log lines on standard error; 1 when the function
 * failed; 2 and one line for an unknown function or a missing event file. Against one moto, through
 * {@code --endpoint}, with a stack of its own, so that two invocations share their data.
 */
class InvokeIT {

    static final Path ROOT = Template.path().getParent();

    static String endpoint;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void moto() {
        endpoint = MotoServer.shared().endpoint().toString();
    }

    static Run invoke(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Invoke.class.getName(),
                "--template", ROOT.resolve("template.yaml").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        // Both streams read at once: a full pipe would block the child.
        var err = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofVirtual().start(() -> {
            try (var stderr = process.getErrorStream()) {
                err.complete(stderr.readAllBytes());
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        byte[] out;
        try (var stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "invoke did not end");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip(),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    void answersEachInitTypeOnStandardOutputWithTheLogOnStandardError() throws Exception {
        for (String initType : List.of("on-demand", "snap-start")) {
            Run created = invoke("CreateCustomerFunction", "--event", ROOT.resolve("events/create-customer.json")
                    .toString(), "--init-type", initType, "--endpoint", endpoint, "--stack", "invoke-it");

            assertEquals(0, created.exit(), created.err());
            Map<String, Object> response = JSON.std.mapFrom(created.out());
            assertEquals(201, response.get("statusCode"), created.out());
            // The same request (the sample's Idempotency-Key) on the same stack: the second is the first's replay.
            assertEquals(initType.equals("snap-start") ? "true" : "false",
                    ((Map<?, ?>) response.get("headers")).get("Idempotent-Replayed"), created.out());
            assertTrue(created.err().contains("\"function_name\":\"invoke-it-CreateCustomerFunction-"),
                    created.err());
        }
    }

    @Test
    void aFunctionErrorExitsOneWithLambdasErrorOnStandardOutput(@TempDir Path directory) throws Exception {
        Path unreadable = Files.writeString(directory.resolve("unreadable.json"), "[\"not an event\"]");

        Run failed = invoke("GetCatalogFunction", "--event", unreadable.toString(), "--endpoint", endpoint);

        assertEquals(1, failed.exit(), failed.out());
        Map<String, Object> error = JSON.std.mapFrom(failed.out());
        assertTrue(error.containsKey("errorType") && error.containsKey("errorMessage"), failed.out());
    }

    @Test
    void anUnknownFunctionOrAMissingEventFileIsOneLineAndExitTwo() throws Exception {
        Run unknown = invoke("NoSuchFunction", "--event", ROOT.resolve("events/sweep.json").toString());
        assertEquals(2, unknown.exit());
        assertEquals("", unknown.out());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("no function NoSuchFunction; its functions: GetCatalogFunction"),
                unknown.err());

        Run missing = invoke("SweepFunction", "--event", ROOT.resolve("events/missing.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().strip().startsWith("run-local invoke: no event file"), missing.err());
    }
}
