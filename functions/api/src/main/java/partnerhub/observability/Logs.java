package partnerhub.observability;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The product's logging, set up once per execution environment: every record of {@code System.Logger} (the
 * product's code) and of SLF4J (the AWS SDK's, through slf4j-jdk14) is one JSON line on standard output, where
 * Lambda's log agent takes it; java.util.logging's default handler, which wrote several plain lines per error to
 * standard error, is removed. The SDK's own loggers pass warnings and errors only.
 * <p>
 * The level is INFO, or what {@code AWS_LAMBDA_LOG_LEVEL} (Lambda's application log level, with the JSON log
 * format) or {@code POWERTOOLS_LOG_LEVEL} says: TRACE, DEBUG, INFO, WARN, ERROR or FATAL.
 */
public final class Logs {

    // Held here: java.util.logging keeps only weak references to loggers, and a collected one forgets its level.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger SDK = Logger.getLogger("software.amazon.awssdk");
    private static boolean installed;

    private Logs() {}

    /** Installs the JSON handler on the root logger; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (Handler handler : ROOT.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                ROOT.removeHandler(handler);
            }
        }
        Level level = level(System.getenv("AWS_LAMBDA_LOG_LEVEL"),
                level(System.getenv("POWERTOOLS_LOG_LEVEL"), Level.INFO));
        var handler = new StdoutHandler();
        handler.setFormatter(new JsonLogFormatter());
        handler.setLevel(Level.ALL);
        ROOT.addHandler(handler);
        ROOT.setLevel(level);
        SDK.setLevel(level.intValue() > Level.WARNING.intValue() ? level : Level.WARNING);
    }

    static Level level(String name, Level otherwise) {
        if (name == null || name.isBlank()) {
            return otherwise;
        }
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            default -> otherwise;
        };
    }

    /**
     * Writes each formatted record to {@code System.out} as it is when the record comes (Lambda's runtime, a test or
     * the local runtime may have replaced it), in one call, so that lines of concurrent threads never interleave.
     */
    static final class StdoutHandler extends Handler {

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(record);
            } catch (RuntimeException e) {
                reportError(null, e, java.util.logging.ErrorManager.FORMAT_FAILURE);
                return;
            }
            System.out.print(line);
            System.out.flush();
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
