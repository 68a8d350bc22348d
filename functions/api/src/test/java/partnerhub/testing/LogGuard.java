package partnerhub.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import partnerhub.observability.JsonLogFormatter;

/**
 * Every log record of the test run, the SDK's included, formatted as the functions write it and held to the rules
 * of the product's logs: one line, valid JSON, and no email address, activation token, JWT or the signing secret in
 * it. The messages the product's own code writes (loggers {@code partnerhub.*}, and its exceptions' messages) are
 * held to the same rule before redaction too: the formatter's redaction is a safety net, not a licence.
 * <p>
 * Registered for every test without being named: as a JUnit Jupiter extension (ServiceLoader, with
 * {@code junit.jupiter.extensions.autodetection.enabled} in junit-platform.properties), checking after each test and
 * each class, and as a jqwik lifecycle hook (ServiceLoader too), checking after each property. A record that breaks
 * a rule fails the test or property during which it was written.
 */
public final class LogGuard implements AfterEachCallback, AfterAllCallback, AroundPropertyHook {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)token=[^\\s&\"'<>,;\\\\]+");
    /** An activation token: 48 characters of base64url (nonce and signature), both cases and a digit among them. */
    static final Pattern TOKEN_SHAPED = Pattern.compile("(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[a-z])"
            + "(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])");

    private static final Queue<String> PROBLEMS = new ConcurrentLinkedQueue<>();
    private static final JsonLogFormatter FORMATTER = new JsonLogFormatter();

    static {
        var capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                try {
                    check(record);
                } catch (RuntimeException e) {
                    PROBLEMS.add("a record of " + record.getLoggerName() + " could not be checked: " + e);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    /** What in {@code text} no log line may carry, each named; empty when nothing. */
    public static List<String> leaks(String text) {
        var found = new ArrayList<String>();
        if (text == null) {
            return found;
        }
        for (var rule : Map.of("an email address", EMAIL, "a JWT", JWT, "a token parameter", TOKEN_PARAMETER,
                "an activation token", TOKEN_SHAPED).entrySet()) {
            Matcher matcher = rule.getValue().matcher(text);
            if (matcher.find()) {
                found.add(rule.getKey() + " (" + matcher.group() + ")");
            }
        }
        return found;
    }

    private static void check(LogRecord record) {
        String line = FORMATTER.format(record);
        String source = record.getLoggerName();
        if (line.indexOf('\n') != line.length() - 1) {
            PROBLEMS.add(source + " wrote a record that is not one line: " + line);
        }
        try {
            JSON.std.mapFrom(line);
        } catch (IOException notJson) {
            PROBLEMS.add(source + " wrote a record that is not a JSON object: " + line);
        }
        leaks(line).forEach(leak -> PROBLEMS.add(leak + " in a line of " + source + ": " + line.strip()));
        if (source != null && source.startsWith("partnerhub.")) {
            String message = FORMATTER.formatMessage(record);
            leaks(message).forEach(leak -> PROBLEMS.add(leak + " in the message " + source + " wrote (redacted in the"
                    + " line, but the code should not put it there): " + message));
            for (Throwable error = record.getThrown(); error != null; error = error.getCause()) {
                if (error.getClass().getName().startsWith("partnerhub.")) {
                    String text = error.getMessage();
                    String type = error.getClass().getSimpleName();
                    leaks(text).forEach(leak -> PROBLEMS.add(leak + " in the message of a " + type + " that " + source
                            + " logged: " + text));
                }
            }
        }
    }

    private static List<String> drain() {
        var found = new ArrayList<String>();
        for (String problem; (problem = PROBLEMS.poll()) != null; ) {
            found.add(problem);
        }
        return found;
    }

    private static String report(List<String> problems) {
        return "Log records broke the rules of the product's logs (one JSON line, no personal data or secrets):\n  "
                + String.join("\n  ", problems);
    }

    // ------------------------------------------------------------------ JUnit Jupiter

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> problems = drain();
        if (!problems.isEmpty()) {
            throw new AssertionError(report(problems));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        afterEach(context);
    }

    // ------------------------------------------------------------------ jqwik

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        List<String> problems = drain();
        if (problems.isEmpty()) {
            return result;
        }
        if (result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
            System.err.println(report(problems));
            return result;
        }
        return result.mapToFailed(new AssertionError(report(problems)));
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
