package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import partnerhub.observability.JsonLogFormatter;
import partnerhub.observability.Logs;

/**
 * What the local runtime's terminal shows. The functions write one JSON line per log record, as in Lambda (an
 * embedded-metrics line alone runs past 1,500 characters): here those lines go to {@link #LOG_FILE}, and the terminal
 * keeps the runtime's one line per request and per background run, with the functions' warnings and errors in one
 * short line each. {@code --json-logs} puts the JSON lines back in the terminal instead.
 */
final class Terminal {

    static final Path LOG_FILE = Path.of("target", "local-runtime.log");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int LONGEST_MESSAGE = 240;
    /** A record's message with its parameters filled in, as java.util.logging fills them. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private Terminal() {}

    /** Sends the functions' logs to the file, and their warnings and errors, short, to the terminal. */
    static void install() {
        Logs.install();
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new FileHandler(LOG_FILE));
        var terminal = new TerminalHandler();
        terminal.setLevel(Level.WARNING);
        root.addHandler(terminal);
    }

    /** A run's JSON answer in a line: its counts ({@code due=3 notices=1 ...}), else the text clipped. */
    static String brief(String json) {
        try {
            Map<String, Object> answer = JSON.std.mapFrom(json);
            var counts = new StringJoiner(" ");
            answer.forEach((key, value) -> {
                if (value instanceof Number) {
                    counts.add(key + "=" + value);
                }
            });
            return counts.length() > 0 ? counts.toString() : clip(json);
        } catch (IOException | RuntimeException notAMap) {
            return clip(json);
        }
    }

    /** One line: time, level, the logger's class, the message, and the error's type and message. */
    static String shortLine(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        String line = TIME.format(record.getInstant()) + " " + (record.getLevel() == Level.SEVERE ? "ERROR" : "WARN ")
                + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": " + clip(MESSAGES.format(record));
        Throwable thrown = record.getThrown();
        return thrown == null ? line : line + " (" + thrown.getClass().getSimpleName() + ": "
                + clip(String.valueOf(thrown.getMessage())) + ")";
    }

    private static String clip(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= LONGEST_MESSAGE ? line : line.substring(0, LONGEST_MESSAGE - 1) + "…";
    }

    /** The short lines, on standard output, each in one call so concurrent lines never interleave. */
    private static final class TerminalHandler extends Handler {

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                System.out.println(shortLine(record));
            }
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

    /** The JSON lines, as Lambda would write them, appended to the file. */
    private static final class FileHandler extends Handler {

        private final Writer out;

        FileHandler(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the log file " + file, e);
            }
            setFormatter(new JsonLogFormatter());
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            try {
                out.write(getFormatter().format(record));
                out.flush();
            } catch (IOException | RuntimeException e) {
                reportError(null, e, ErrorManager.WRITE_FAILURE);
            }
        }

        @Override
        public synchronized void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.FLUSH_FAILURE);
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.CLOSE_FAILURE);
            }
        }
    }
}
