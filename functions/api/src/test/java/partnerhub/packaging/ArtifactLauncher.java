package partnerhub.packaging;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crac.Resource;

/**
 * Stands in for Lambda's runtime in a JVM whose classpath is one deployable artifact (and this class): builds the
 * handler as the runtime does (its no-argument constructor), runs SnapStart's two hooks, says {@code primed} (on stdout, beside the log lines) and
 * waits for a line on stdin, then invokes the stream entry with the sample event and prints how it ended. Exits 1
 * only on a {@link LinkageError}: a class the artifact lacks. Compiled into the tests, never packaged.
 *
 * <p>Arguments: {@code <handler class> <event file>}.
 */
public final class ArtifactLauncher {

    /** Starts the launcher's own lines, which share stdout with the function's log lines. */
    static final String MARK = "launcher: ";

    private ArtifactLauncher() {}

    public static void main(String[] args) throws Exception {
        try {
            var handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
            var snapStart = (Resource) handler;
            snapStart.beforeCheckpoint(null);
            snapStart.afterRestore(null);
            System.out.println(MARK + "primed");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            var output = new ByteArrayOutputStream();
            try {
                handler.handleRequest(Files.newInputStream(Path.of(args[1])), output, null);
                System.out.println(MARK + "answered " + output.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException failed) {
                System.out.println(MARK + "threw " + failed.getClass().getName());
            }
        } catch (LinkageError missing) {
            missing.printStackTrace();
            System.exit(1);
        }
    }
}
