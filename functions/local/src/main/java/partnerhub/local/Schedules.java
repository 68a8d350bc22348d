package partnerhub.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import partnerhub.emulator.EmulatedStack;

/**
 * EventBridge schedule expressions: {@code rate(5 minutes)} and {@code cron(0 * * * ? *)} (minutes, hours,
 * day of month, month, day of week, year; {@code *}, {@code ?}, lists, ranges and steps), evaluated in UTC.
 */
final class Schedules {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");

    private Schedules() {}

    /** The event a schedule invokes its function with, at {@code time}. */
    static Map<String, Object> event(Instant time) {
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", EmulatedStack.REGION);
        event.put("resources", List.of());
        event.put("detail", Map.of());
        return event;
    }

    /** Whether the expression fires in the minute that starts at {@code minute}, counting rates from {@code start}. */
    static boolean firesAt(String expression, ZonedDateTime minute, ZonedDateTime start) {
        Matcher rate = RATE.matcher(expression.strip());
        if (rate.matches()) {
            Duration every = period(Long.parseLong(rate.group(1)), rate.group(2));
            long elapsed = Duration.between(start, minute).toMinutes();
            return elapsed > 0 && elapsed % every.toMinutes() == 0;
        }
        Matcher cron = CRON.matcher(expression.strip());
        if (cron.matches()) {
            String[] fields = cron.group(1).strip().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("a cron expression has 6 fields: " + expression);
            }
            ZonedDateTime utc = minute.withZoneSameInstant(ZoneOffset.UTC);
            return matches(fields[0], utc.getMinute(), 0) && matches(fields[1], utc.getHour(), 0)
                    && matches(fields[2], utc.getDayOfMonth(), 1) && matches(fields[3], utc.getMonthValue(), 1)
                    && matches(fields[4], utc.getDayOfWeek().getValue() % 7 + 1, 1)
                    && matches(fields[5], utc.getYear(), 1970);
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    /** Parses every field now, so a bad expression fails at start rather than at the minute it is reached. */
    static void validate(String expression) {
        Matcher cron = CRON.matcher(expression.strip());
        if (cron.matches()) {
            String[] fields = cron.group(1).strip().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("a cron expression has 6 fields: " + expression);
            }
            for (String field : fields) {
                matches(field, 0, 0);
            }
        } else if (!RATE.matcher(expression.strip()).matches()) {
            throw new IllegalArgumentException("not a schedule expression: " + expression);
        }
    }

    private static Duration period(long amount, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    // One cron field: * or ?, a list of values, ranges (a-b) and steps (*/n, a/n, a-b/n). Names (MON, JAN) are
    // not supported; the template uses numbers.
    private static boolean matches(String field, int value, int first) {
        if (field.equals("*") || field.equals("?")) {
            return true;
        }
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            if (part.contains("/")) {
                range = part.substring(0, part.indexOf('/'));
                step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = first;
                to = Integer.MAX_VALUE;
            } else if (range.contains("-")) {
                from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
            } else {
                from = Integer.parseInt(range);
                to = part.contains("/") ? Integer.MAX_VALUE : from;
            }
            if (value >= from && value <= to && (value - from) % step == 0) {
                return true;
            }
        }
        return false;
    }

    static List<String> all(Functions functions) {
        var expressions = new ArrayList<String>();
        functions.all().forEach(f -> expressions.addAll(f.schedules()));
        return expressions;
    }
}
